import type { PrismaClient } from './client.ts';
import { createCampaign, type NewCampaign } from './campaigns.ts';
import { createTenant } from './api-keys.ts';

// A campaign with `count` distinct valid VN mobile numbers, for tests of the data layer.
export async function seedCampaign(
  prisma: PrismaClient,
  overrides: Partial<NewCampaign> & { count?: number } = {},
): Promise<{ id: string; tenantId: string; phones: string[] }> {
  const tenantId = overrides.tenantId ?? (await createTenant(prisma, 'test')).id;
  const phones = Array.from({ length: overrides.count ?? 10 }, (_, i) => `09${String(10_000_000 + i).padStart(8, '0')}`);
  const nowMs = overrides.nowMs ?? Date.UTC(2026, 0, 1);
  const campaign = await createCampaign(prisma, {
    tenantId,
    name: 'fixture',
    sendTimeMs: nowMs,
    numberCallPerTime: 4,
    durationOfEachCall: 10,
    maxRetryOfDetail: 1,
    retryAfterSeconds: 60,
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallOuts: [],
    source: 'native',
    accepted: phones.map((phone, position) => ({ phone, position })),
    invalid: [],
    duplicateCount: 0,
    actor: 'test',
    nowMs,
    ...overrides,
  });
  return { id: campaign.id, tenantId, phones };
}
