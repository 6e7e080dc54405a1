// Body types by path and method, from the generated `paths`: hooks name theirs in
// hooks/api/<resource>/types.ts as `ResponseBody<'/v1/campaigns', 'get'>`.
import type { HttpMethod, Readable, RequestBodyJSON, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from '@/lib/api.ts';

export type ApiPath = keyof paths;
type Operation<P extends ApiPath, M extends HttpMethod> = NonNullable<paths[P][M & keyof paths[P]]> & Record<string | number, any>;

// Readable<>: exactly what openapi-fetch resolves `data` to (tuples read back as arrays).
export type ResponseBody<P extends ApiPath, M extends HttpMethod> = Readable<SuccessResponseJSON<Operation<P, M>>>;
export type RequestBody<P extends ApiPath, M extends HttpMethod> = RequestBodyJSON<Operation<P, M>>;
export type QueryParams<P extends ApiPath, M extends HttpMethod> = NonNullable<Operation<P, M>['parameters']['query']>;
