import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignInputBody } from '@autocall/domain/schemas';
import { api } from '@/lib/api.ts';
import { isApiError, unwrap } from '@/lib/api-error.ts';
import { campaignKeys } from '../campaigns/queries.ts';
import { uploadForm } from './queries.ts';
import type { CallAgainBody } from './types.ts';

export type CreateRequest =
  | { kind: 'list'; body: CampaignInputBody }
  | { kind: 'file'; settings: object; file: File }
  | { kind: 'callAgain'; sourceId: string; body: CallAgainBody };

async function createCampaign(request: CreateRequest, idempotencyKey: string): Promise<{ id: string }> {
  const headers = { 'Idempotency-Key': idempotencyKey };
  switch (request.kind) {
    case 'list':
      return unwrap(api.POST('/v1/campaigns', { body: request.body, headers }));
    case 'file': {
      const form = uploadForm(request.settings, request.file);
      // The document types the file part as a (binary) string; the browser sends the File itself.
      const body = { campaign: JSON.stringify(request.settings), file: request.file as unknown as string };
      return unwrap(api.POST('/v1/campaigns/upload', { body, bodySerializer: () => form, headers }));
    }
    case 'callAgain':
      return unwrap(api.POST('/v1/campaigns/{id}/call-again', { params: { path: { id: request.sourceId } }, body: request.body, headers }));
  }
}

/**
 * Creates the campaign with one Idempotency-Key per wizard session: a second click, or a retry
 * after a lost reply, gets the first campaign back instead of a copy. A request that meets the
 * first one still running (409) waits for its reply.
 */
export function useCreateCampaign(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateRequest) => createCampaign(request, idempotencyKey),
    retry: (failures, error) => isApiError(error) && error.code === 'idempotency_request_in_progress' && failures < 30,
    retryDelay: 1_000,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  });
}
