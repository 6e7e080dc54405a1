// A dry run of campaign creation: what would happen to each number, and when the batches would go
// out. Nothing is written anywhere; the do-not-call list is read in chunks of numbers, and a file is
// read as a stream, one chunk at a time, like an upload.
import type { Readable } from 'node:stream';
import { countSuppressedAmong, type Principal } from '@autocall/db';
import { DEFAULT_TIME_ZONE, pickPhoneList, planDispatch, type CallCalendar, type CallWindows, type CampaignSettings } from '@autocall/domain';
import { createNumberParser, type ImportServiceDeps, type InvalidLine, type NumberParser } from './imports.ts';

export type ValidateServiceDeps = Pick<ImportServiceDeps, 'prisma' | 'now' | 'defaultCountry' | 'dedupeLimit'>;

export type PhoneCheck = { accepted: number; duplicated: number; invalid: number; suppressed: number; invalidExamples: InvalidLine[] };
export type CampaignCheck = {
  phones: PhoneCheck;
  plan: ReturnType<typeof planOf>;
};

/** The settings a plan needs, once validated (create defaults applied). */
export type PlanSettings = Pick<
  CampaignSettings,
  'numberCallPerTime' | 'durationOfEachCall' | 'maxRetryOfDetail' | 'retryAfterSeconds' | 'timeZone' | 'callWindows' | 'skipDates'
>;

const EXAMPLES = 20;
// Valid numbers looked up on the do-not-call list per query.
const LOOKUP_CHUNK = 5_000;

type Checker = {
  parser: NumberParser;
  // Looks up the numbers seen so far once there are enough of them.
  lookUp(): Promise<void>;
  finish(): Promise<PhoneCheck>;
};

// The parser's valid numbers go to the do-not-call lookup in chunks, never all at once.
function createChecker(deps: ValidateServiceDeps, principal: Principal): Checker {
  let seen: string[] = [];
  let suppressed = 0;
  const parser = createNumberParser(deps, { examples: EXAMPLES, onAccepted: (national) => void seen.push(national) });
  const lookUp = async () => {
    const chunk = seen;
    seen = [];
    suppressed += await countSuppressedAmong(deps.prisma, principal.tenantId, chunk);
  };
  return {
    parser,
    async lookUp() {
      if (seen.length >= LOOKUP_CHUNK) await lookUp();
    },
    async finish() {
      await lookUp();
      const counts = parser.counts();
      return { accepted: counts.valid - suppressed, duplicated: counts.duplicatesDropped, invalid: counts.invalid, suppressed, invalidExamples: parser.examples() };
    },
  };
}

/** The numbers of a JSON create body. */
export async function checkPhoneList(deps: ValidateServiceDeps, principal: Principal, input: Parameters<typeof pickPhoneList>[0]): Promise<PhoneCheck> {
  const checker = createChecker(deps, principal);
  for (const raw of pickPhoneList(input)) {
    checker.parser.value(raw);
    await checker.lookUp();
  }
  return checker.finish();
}

/** The numbers of an uploaded file, read as it arrives. */
export async function checkPhoneFile(deps: ValidateServiceDeps, principal: Principal, file: Readable): Promise<PhoneCheck> {
  const checker = createChecker(deps, principal);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of file) {
    checker.parser.text(decoder.decode(chunk as Buffer, { stream: true }));
    await checker.lookUp();
  }
  checker.parser.text(decoder.decode());
  checker.parser.end();
  return checker.finish();
}

/** When the numbers to call would go out, from sendTime, at the campaign's pace, within its windows. */
export function planOf(settings: PlanSettings, sendTimeMs: number, numbersToCall: number, nowMs: number) {
  const { slots: _slots, ...plan } = planDispatch({
    sendTimeMs,
    durationOfEachCall: settings.durationOfEachCall,
    numberCallPerTime: settings.numberCallPerTime,
    maxRetryOfDetail: settings.maxRetryOfDetail,
    retryAfterSeconds: settings.retryAfterSeconds,
    calendar: calendarOf(settings),
    nowMs,
    fresh: numbersToCall,
  });
  return plan;
}

/** A campaign's call windows as the planner reads them; null when it may call at any time. */
export function calendarOf(settings: { timeZone?: string | null; callWindows?: unknown; skipDates?: readonly string[] | null }): CallCalendar | null {
  const windows = (settings.callWindows ?? null) as CallWindows | null;
  const skipDates = settings.skipDates ?? [];
  if (windows === null && skipDates.length === 0) return null;
  return { timeZone: settings.timeZone || DEFAULT_TIME_ZONE, windows, skipDates };
}
