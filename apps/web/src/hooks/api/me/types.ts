import type { ResponseBody } from '../types.ts';

// { tenantId, apiKeyId, name, admin }
export type Me = ResponseBody<'/v1/me', 'get'>;
