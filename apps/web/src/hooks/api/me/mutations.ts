import { useMutation, useQueryClient } from '@tanstack/react-query';
import { saveApiKey } from '@/lib/session.ts';
import { fetchMe, meKeys } from './queries.ts';

// Sign-in: asks the API who this key is, and keeps the key only if the API knows it.
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (apiKey: string) => ({ apiKey, me: await fetchMe(apiKey) }),
    onSuccess: ({ apiKey, me }) => {
      saveApiKey(apiKey);
      queryClient.setQueryData(meKeys.all, me);
    },
  });
}
