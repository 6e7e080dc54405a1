// Field errors are kept in the form as message descriptors ("i18n:<key>|<params>") and worded at
// render time, so switching the language rewords errors already on screen. A message without the
// prefix is shown as it is (a sentence the API wrote).
const PREFIX = 'i18n:';

export function messageKey(key: string, params?: Record<string, string | number>): string {
  return params ? `${PREFIX}${key}|${JSON.stringify(params)}` : `${PREFIX}${key}`;
}

export type Worded = { key: string; params?: Record<string, string | number> } | { text: string };

export function readMessage(message: string): Worded {
  if (!message.startsWith(PREFIX)) return { text: message };
  const [key, params] = message.slice(PREFIX.length).split(/\|(.*)/s);
  return { key: key!, params: params ? (JSON.parse(params) as Record<string, string | number>) : undefined };
}

/**
 * An API field error as a message: the size limits and the start-time rule are worded in the
 * page's language (their number read from the API's sentence); anything else keeps the API's words.
 */
export function apiDetailMessage(detail: { code: string; message: string }): string {
  const max = /at most (\d+)/.exec(detail.message)?.[1];
  const min = /at least (\d+)/.exec(detail.message)?.[1];
  if (detail.code === 'too_big' && max) return messageKey('errors.max', { max: Number(max) });
  if (detail.code === 'too_small' && min) return messageKey('errors.min', { min: Number(min) });
  if (detail.code === 'send_time_too_old') return messageKey('errors.startTooOld');
  return detail.message;
}

/** The plan's limit on numbers per batch, when the API refused a larger one and said it. */
export function maxPerBatchFrom(details: readonly { field: string; code: string; message: string }[]): number | undefined {
  const refusal = details.find((detail) => detail.field === 'numberCallPerTime' && detail.code === 'too_big');
  const max = refusal && /at most (\d+)/.exec(refusal.message)?.[1];
  return max ? Number(max) : undefined;
}
