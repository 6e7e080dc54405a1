import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { callsQueryParams } from './queries.ts';
import type { CallFilter } from './types.ts';

// The export needs the Bearer key, which a plain link cannot send: the file is fetched through the
// SDK client and handed to the browser as a blob, under the name the API gives it.
export async function downloadCallsCsv(campaignId: string, filter: CallFilter): Promise<string> {
  const result = await api.GET('/v1/campaigns/{id}/calls.csv', {
    params: { path: { id: campaignId }, query: callsQueryParams(filter) },
    parseAs: 'blob',
  });
  // Typed by the documented content (text/csv: a string); read as a blob, which the browser may
  // keep on disk rather than in the page's memory.
  const blob = (await unwrap(Promise.resolve(result))) as unknown as Blob;
  const response = result.response;
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `campaign-${campaignId}-calls.csv`;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked after the browser has started the download from it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}

export const useExportCalls = (campaignId: string) =>
  useMutation({ mutationFn: (filter: CallFilter) => downloadCallsCsv(campaignId, filter) });
