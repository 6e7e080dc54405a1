import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { campaignKeys } from './queries.ts';

// A mutation names its request, then invalidates what it changed; callers add onSuccess for UI.
export function usePauseCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/campaigns/{id}/pause', { params: { path: { id } }, body: {} })),
    onSuccess: (_data, id) => queryClient.invalidateQueries({ queryKey: campaignKeys.detail(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  });
}
