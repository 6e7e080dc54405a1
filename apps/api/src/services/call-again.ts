// "Call again": a new campaign for the numbers of an earlier one that ended in chosen statuses, with
// the earlier campaign's settings unless the request changes them.
import { createCallAgainCampaign, findCampaign, type Principal } from '@autocall/db';
import { campaignSettingsSchema, resolveSendTime, zodIssuesToFieldErrors, type CallAgainInput } from '@autocall/domain';
import { ApiError, invalidInput, notFound } from '../errors.ts';
import { queueFirstWake, type CampaignServiceDeps, type PhoneReport } from './campaigns.ts';

const NAME_SUFFIX = ' (call again)';
const MAX_NAME = 200;

export async function callAgain(
  deps: CampaignServiceDeps & { maxCallsPerBatch: number },
  sourceId: string,
  body: CallAgainInput,
  principal: Principal,
): Promise<{ id: string; phones: PhoneReport & { suppressed: number } }> {
  const source = await findCampaign(deps.prisma, principal.tenantId, sourceId);
  if (!source) throw notFound('Campaign');
  const { statuses, ...changes } = body;
  // The source's settings with the request's changes on top, checked as a create request is (a
  // plan limit lowered since the source was created applies to the new campaign).
  const merged = {
    name: `${source.name.slice(0, MAX_NAME - NAME_SUFFIX.length)}${NAME_SUFFIX}`,
    scripts: source.scripts,
    numberCallOuts: source.numberCallOuts,
    numberCallPerTime: source.numberCallPerTime,
    durationOfEachCall: source.durationOfEachCall,
    maxRetryOfDetail: source.maxRetryOfDetail,
    retryAfterSeconds: source.retryAfterSeconds,
    timeZone: source.timeZone,
    callWindows: source.callWindows ?? null,
    skipDates: source.skipDates,
    dailyAttemptCap: source.dailyAttemptCap,
    ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
  };
  const parsed = campaignSettingsSchema({ maxCallsPerBatch: deps.maxCallsPerBatch }).safeParse(merged);
  // The body passed its schema: only a source value the deployment no longer allows can fail here.
  if (!parsed.success) throw invalidInput(zodIssuesToFieldErrors(parsed.error.issues, merged), 'The settings are invalid.');
  const settings = parsed.data;
  const nowMs = deps.now();
  const sendTime = resolveSendTime(settings.sendTime, nowMs);
  if (!sendTime.ok) {
    throw new ApiError(400, sendTime.code, sendTime.message, [{ field: 'sendTime', code: sendTime.code, message: sendTime.message }]);
  }
  const chosen = [...new Set(statuses)];
  const outcome = await createCallAgainCampaign(deps.prisma, {
    tenantId: principal.tenantId,
    name: settings.name ?? merged.name,
    sendTimeMs: sendTime.atMs,
    numberCallPerTime: settings.numberCallPerTime,
    durationOfEachCall: settings.durationOfEachCall,
    maxRetryOfDetail: settings.maxRetryOfDetail,
    retryAfterSeconds: settings.retryAfterSeconds,
    scripts: settings.scripts,
    numberCallOuts: settings.numberCallOuts,
    source: 'native',
    timeZone: settings.timeZone,
    callWindows: settings.callWindows,
    skipDates: settings.skipDates,
    dailyAttemptCap: settings.dailyAttemptCap,
    sourceCampaignId: source.id,
    statuses: chosen,
    actor: `api-key:${principal.apiKeyId}`,
    nowMs,
  });
  if (outcome.kind === 'no_numbers') throw nothingToCall(chosen, outcome.matched);
  deps.numberStatistics?.stored(outcome.accepted + outcome.suppressed);
  await queueFirstWake(deps, outcome.id, sendTime.atMs, nowMs);
  return { id: outcome.id, phones: { accepted: outcome.accepted, duplicated: 0, invalid: 0, suppressed: outcome.suppressed, invalidExamples: [] } };
}

function nothingToCall(statuses: string[], matched: number): ApiError {
  const which = statuses.join(' or ');
  const message =
    matched === 0
      ? `No number of this campaign ended ${which}: there is nothing to call again.`
      : `The ${matched} number${matched === 1 ? '' : 's'} of this campaign that ended ${which} ${matched === 1 ? 'is' : 'are all'} on the do-not-call list: there is nothing to call again.`;
  return new ApiError(422, 'no_numbers', message, [{ field: 'statuses', code: 'no_numbers', message }]);
}
