import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { suppressionKeys } from './queries.ts';
import type { AddSuppressionsBody, SuppressionReport } from './types.ts';

// Every change to the list touches its pages and its count.
function useInvalidateSuppressions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
}

export function useAddSuppressions() {
  const invalidate = useInvalidateSuppressions();
  return useMutation({
    mutationFn: (body: AddSuppressionsBody): Promise<SuppressionReport> => unwrap(api.POST('/v1/suppressions', { body })),
    onSuccess: invalidate,
  });
}

// multipart/form-data with one `file` field; the reason rides in the query string (the API's contract).
export function useUploadSuppressions() {
  const invalidate = useInvalidateSuppressions();
  return useMutation({
    mutationFn: ({ file, reason }: { file: File; reason?: string }): Promise<SuppressionReport> => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/v1/suppressions/upload', {
          params: { query: reason ? { reason } : {} },
          // The generated types do not describe multipart bodies; openapi-fetch sends FormData as is.
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
    },
    onSuccess: invalidate,
  });
}

export function useRemoveSuppression() {
  const invalidate = useInvalidateSuppressions();
  return useMutation({
    mutationFn: (phone: string) => unwrap(api.DELETE('/v1/suppressions/{phone}', { params: { path: { phone } } })),
    onSuccess: invalidate,
  });
}
