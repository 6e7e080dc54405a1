import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { clearApiKey } from '@/lib/session.ts';

// Forgets the key and everything fetched with it, then shows the sign-in page.
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    clearApiKey();
    queryClient.clear();
    void navigate({ to: '/sign-in' });
  };
}
