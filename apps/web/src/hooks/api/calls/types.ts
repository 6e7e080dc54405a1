import type { QueryParams, ResponseBody } from '../types.ts';

export type CallPage = ResponseBody<'/v1/campaigns/{id}/calls', 'get'>;
export type Call = CallPage['items'][number];
export type CallAttempt = Call['history'][number];
export type CallStatus = Call['status'];
export type CallsQuery = QueryParams<'/v1/campaigns/{id}/calls', 'get'>;

// What the numbers table filters by; the CSV export carries the same filter.
export type CallFilter = { statuses: CallStatus[]; phone: string };
