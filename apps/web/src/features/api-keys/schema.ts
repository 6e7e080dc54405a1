import { z } from 'zod';

// The API's rules for a new key (apps/api/src/routes/admin/api-keys.ts): a name of 1 to 200
// characters and a role. Messages are translation keys of `api-keys`.
export const NAME_MAX = 200;
export const ROLES = ['member', 'admin'] as const;
export const createKeySchema = z.object({
  name: z.string().trim().min(1, 'create.nameRequired').max(NAME_MAX, 'create.nameTooLong'),
  role: z.enum(ROLES),
});
export type CreateKeyValues = z.infer<typeof createKeySchema>;
