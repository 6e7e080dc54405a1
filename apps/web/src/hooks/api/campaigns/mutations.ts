import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { campaignKeys } from './queries.ts';
import type { CampaignPatchBody } from './types.ts';

// After a change: the campaign's page (detail, timeline, events, numbers) and every list.
function useRefreshCampaign() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: campaignKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
    ]);
}

// A mutation names its request, then invalidates what it changed; callers add onSuccess for UI.
export function usePauseCampaign() {
  const refresh = useRefreshCampaign();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/campaigns/{id}/pause', { params: { path: { id } }, body: {} })),
    onSettled: (_data, _error, id) => refresh(id),
  });
}

export function useResumeCampaign() {
  const refresh = useRefreshCampaign();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/campaigns/{id}/resume', { params: { path: { id } }, body: {} })),
    onSettled: (_data, _error, id) => refresh(id),
  });
}

export function useCancelCampaign() {
  const refresh = useRefreshCampaign();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/campaigns/{id}/cancel', { params: { path: { id } }, body: {} })),
    onSettled: (_data, _error, id) => refresh(id),
  });
}

export function useEditCampaign(id: string) {
  const refresh = useRefreshCampaign();
  return useMutation({
    mutationFn: (body: CampaignPatchBody) => unwrap(api.PATCH('/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: () => refresh(id),
  });
}
