import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

// The API keeps no "last used" time for a key, so there is none to show.
export type ApiKeyList = ResponseBody<'/v1/admin/api-keys', 'get'>;
export type ApiKey = ApiKeyList['items'][number];
export type ApiKeyRole = ApiKey['role'];
// The new key with its secret, shown once.
export type CreatedApiKey = ResponseBody<'/v1/admin/api-keys', 'post'>;
export type CreateApiKeyBody = RequestBody<'/v1/admin/api-keys', 'post'>;
export type ApiKeyListQuery = QueryParams<'/v1/admin/api-keys', 'get'>;
