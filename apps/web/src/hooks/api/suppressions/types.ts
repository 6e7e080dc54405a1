import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

// `total` (how many numbers the whole list holds) comes with the console-api branch; until the API
// documents it, it may be absent and the count falls back (see queries.ts).
export type SuppressionPage = ResponseBody<'/v1/suppressions', 'get'> & { total?: number };
export type Suppression = SuppressionPage['items'][number];
export type SuppressionListQuery = QueryParams<'/v1/suppressions', 'get'>;
export type AddSuppressionsBody = RequestBody<'/v1/suppressions', 'post'>;
// What happened to the submitted numbers: { added, duplicated, invalid, invalidExamples }.
export type SuppressionReport = ResponseBody<'/v1/suppressions', 'post'>;
// How many numbers the list holds; `atLeast` when only a lower bound is known (an API without `total`).
export type SuppressionCount = { count: number; atLeast: boolean };
