import { createCampaign, type PrismaClient, type Principal } from '@autocall/db';
import { createPhoneDeduper, pickPhoneList, PHONE_LIST_FIELDS, resolveSendTime, type CampaignInput, type CountryCode } from '@autocall/domain';
import { scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { ApiError } from '../errors.ts';
import type { NumberStatistics } from './number-statistics.ts';

export type CampaignServiceDeps = {
  prisma: PrismaClient;
  queues: Queues;
  logger: Logger;
  now: () => number;
  defaultCountry: string;
  // Told how many numbers each stored list added (number-statistics.ts); buildApp always sets it.
  numberStatistics?: Pick<NumberStatistics, 'stored'>;
};

export type PhoneReport = {
  accepted: number;
  duplicated: number;
  invalid: number;
  // Valid numbers on the tenant's do-not-call list: stored as `suppressed`, never dialled, not in `accepted`.
  suppressed?: number;
  invalidExamples: { input: string; reason: string; position: number }[];
};

const EXAMPLES = 10;

// The field the client used for its phone list, so errors name what it sent.
function phoneListField(input: CampaignInput): string {
  return PHONE_LIST_FIELDS.find((field) => input[field] !== undefined) ?? 'phoneNumbers';
}

// Validates what zod cannot (send time against the clock, the phone list), stores the campaign
// with its numbers in one transaction, then queues its first wake. A failed enqueue is logged, not
// returned: the campaign is safe in Postgres and the worker's sweep schedules it.
export async function submitCampaign(
  deps: CampaignServiceDeps,
  input: CampaignInput,
  principal: Principal,
  source: 'native' | 'omicall',
): Promise<{ id: string; phones: PhoneReport }> {
  const nowMs = deps.now();
  const sendTime = resolveSendTime(input.sendTime, nowMs);
  if (!sendTime.ok) {
    throw new ApiError(400, sendTime.code, sendTime.message, [{ field: 'sendTime', code: sendTime.code, message: sendTime.message }]);
  }
  const deduper = createPhoneDeduper({ defaultCountry: deps.defaultCountry as CountryCode });
  const accepted: { phone: string; position: number }[] = [];
  const invalid: { input: string; reason: string; position: number }[] = [];
  let duplicated = 0;
  pickPhoneList(input).forEach((raw, position) => {
    const seen = deduper.add(raw, position);
    if (seen.kind === 'accepted') accepted.push({ phone: seen.national, position });
    else if (seen.kind === 'duplicate') duplicated += 1;
    else invalid.push({ input: String(raw).slice(0, 64), reason: seen.reason, position });
  });
  const phones: PhoneReport = { accepted: accepted.length, duplicated, invalid: invalid.length, invalidExamples: invalid.slice(0, EXAMPLES) };
  if (accepted.length === 0) {
    // Same details shape as any other refusal (a list of field errors), with the phone report added.
    const message = 'The phone list has no valid number to call.';
    throw new ApiError(400, 'no_valid_numbers', message, [{ field: phoneListField(input), code: 'no_valid_numbers', message, ...phones }]);
  }
  const campaign = await createCampaign(deps.prisma, {
    tenantId: principal.tenantId,
    name: input.name ?? `Campaign ${new Date(nowMs).toISOString()}`,
    sendTimeMs: sendTime.atMs,
    numberCallPerTime: input.numberCallPerTime,
    durationOfEachCall: input.durationOfEachCall,
    maxRetryOfDetail: input.maxRetryOfDetail,
    retryAfterSeconds: input.retryAfterSeconds,
    scripts: input.scripts,
    numberCallOuts: input.numberCallOuts,
    source,
    timeZone: input.timeZone,
    callWindows: input.callWindows,
    skipDates: input.skipDates,
    dailyAttemptCap: input.dailyAttemptCap,
    accepted,
    invalid,
    duplicateCount: duplicated,
    actor: `api-key:${principal.apiKeyId}`,
    nowMs,
  });
  deps.numberStatistics?.stored(accepted.length + invalid.length);
  await queueFirstWake(deps, campaign.id, sendTime.atMs, nowMs);
  return { id: campaign.id, phones: { ...phones, accepted: phones.accepted - campaign.suppressed, suppressed: campaign.suppressed } };
}

// A failed enqueue is logged, not returned: the campaign is safe in Postgres and the worker's sweep
// schedules it.
export async function queueFirstWake(deps: CampaignServiceDeps, campaignId: string, atMs: number, nowMs: number): Promise<void> {
  try {
    await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
  } catch (error) {
    deps.logger.warn({ err: error, campaignId }, 'campaign stored but not queued; the sweep will schedule it');
  }
}
