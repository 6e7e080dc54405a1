import type { Documented } from '../documented.ts';
import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

// Fallback mirrors the API's reply (apps/api/src/routes/admin/api-keys.ts) until it is documented.
// The API keeps no "last used" time for a key, so there is none to show.
type KeyReply = {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  keyPrefix: string;
  role: 'admin' | 'member';
  createdAt: number;
  revokedAt: number | null;
};

export type ApiKeyList = Documented<ResponseBody<'/v1/admin/api-keys', 'get'>, { items: KeyReply[] }>;
export type ApiKey = ApiKeyList['items'][number];
export type ApiKeyRole = ApiKey['role'];
// The new key with its secret, shown once.
export type CreatedApiKey = Documented<ResponseBody<'/v1/admin/api-keys', 'post'>, KeyReply & { secret: string; tenantCreated: boolean }>;
export type CreateApiKeyBody = RequestBody<'/v1/admin/api-keys', 'post'>;
export type ApiKeyListQuery = QueryParams<'/v1/admin/api-keys', 'get'>;
