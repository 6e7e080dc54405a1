import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CampaignInputBody } from '@autocall/domain/schemas';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { campaignKeys } from '../campaigns/queries.ts';
import type { CampaignCheck, SourceCampaign } from './types.ts';

export const newCampaignKeys = {
  all: ['new-campaign'] as const,
  check: (fingerprint: string) => [...newCampaignKeys.all, 'check', fingerprint] as const,
};

/** What the dry run checks: the JSON create body, or the upload's settings and its file. */
export type CheckRequest = { fingerprint: string } & ({ body: CampaignInputBody } | { settings: CampaignInputBody; file: File });

// A file goes as multipart: the browser streams it from disk, the page never holds its numbers.
export function uploadForm(settings: object, file: File): FormData {
  const form = new FormData();
  form.append('campaign', JSON.stringify(settings));
  form.append('file', file, file.name);
  return form;
}

function checkCampaign(request: CheckRequest, signal: AbortSignal): Promise<CampaignCheck> {
  if ('file' in request) {
    const form = uploadForm(request.settings, request.file);
    // The settings go as the multipart `campaign` field, beside the file.
    return unwrap(api.POST('/v1/campaigns/validate', { body: request.settings, bodySerializer: () => form, signal }));
  }
  return unwrap(api.POST('/v1/campaigns/validate', { body: request.body, signal }));
}

// POST /v1/campaigns/validate stores nothing, so its answer is cached by what was asked (the key
// is a fingerprint: a key holding 100,000 numbers would be hashed on every render).
export const campaignCheckQuery = (request: CheckRequest) =>
  queryOptions({
    queryKey: newCampaignKeys.check(request.fingerprint),
    queryFn: ({ signal }) => checkCampaign(request, signal),
    staleTime: 5 * 60_000,
  });

// null: nothing to check yet. While the next request runs, the last answer stays (placeholder).
export const useCampaignCheck = (request: CheckRequest | null) =>
  useQuery({ ...campaignCheckQuery(request ?? { fingerprint: '', body: { scripts: [] } }), enabled: request !== null, placeholderData: keepPreviousData });

// The campaign a call-again starts from (same key as the campaign page, so either fills the other).
export const sourceCampaignQuery = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: (): Promise<SourceCampaign> => unwrap(api.GET('/v1/campaigns/{id}', { params: { path: { id } } })),
  });

export const useSourceCampaign = (id: string | undefined) => useQuery({ ...sourceCampaignQuery(id ?? ''), enabled: id !== undefined });
