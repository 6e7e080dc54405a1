// Large phone lists: a file (or a JSON list) is read one chunk at a time, each line normalised and
// de-duplicated, and the rows streamed into Postgres with COPY. Memory stays flat whatever the
// file size: a chunk of text, a chunk of rows, and a compact set of numbers already seen.
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { z } from 'zod';
import { openNumberImport, stagingRow, type ImportCampaign, type ImportOutcome, type NumberImport, type Principal } from '@autocall/db';
import {
  createLineSplitter,
  createPhoneSet,
  detectPhoneColumn,
  fieldAt,
  normalizePhone,
  resolveSendTime,
  stripBom,
  zodIssuesToFieldErrors,
  campaignSettingsSchema,
  type CampaignSettings,
  type CountryCode,
  type PhoneColumn,
  type PhoneSet,
} from '@autocall/domain';
import { scheduleCampaignWakes } from '@autocall/jobs';
import { ApiError, invalidInput, invalidTransition, notFound } from '../errors.ts';
import type { CampaignServiceDeps } from './campaigns.ts';

export type ImportServiceDeps = CampaignServiceDeps & {
  pool: pg.Pool;
  maxCallsPerBatch: number;
  // Numbers remembered for de-duplication before the database takes over (~8-16 bytes each).
  dedupeLimit?: number;
};

export type InvalidLine = { line: number; position: number; input: string; reason: string };

export type ImportReport = {
  accepted: number;
  duplicated: number;
  invalid: number;
  suppressed: number;
  invalidExamples: InvalidLine[];
};

const EXAMPLES = 10;
const DEFAULT_DEDUPE_LIMIT = 4_000_000;

type ParsedSettings = { input: CampaignSettings; sendTimeMs: number };

/** The `campaign` form field: the create payload without a phone list, as a JSON string. */
export function readCampaignField(deps: ImportServiceDeps, text: string): ParsedSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const message = 'The campaign field must be a JSON object with the campaign settings.';
    throw new ApiError(400, 'invalid_json', message, [{ field: 'campaign', code: 'invalid_json', message }]);
  }
  const schema = campaignSettingsSchema({ maxCallsPerBatch: deps.maxCallsPerBatch });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Named as parts of the form's campaign field: campaign.scripts.0.targetValue.
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['campaign', ...issue.path] }));
    throw invalidInput(zodIssuesToFieldErrors(issues, { campaign: json }, z.object({ campaign: schema })), 'The campaign field is invalid.');
  }
  const sendTime = resolveSendTime(parsed.data.sendTime, deps.now());
  if (!sendTime.ok) {
    throw new ApiError(400, sendTime.code, sendTime.message, [{ field: 'campaign.sendTime', code: sendTime.code, message: sendTime.message }]);
  }
  return { input: parsed.data, sendTimeMs: sendTime.atMs };
}

/** Rows staged in an open import, with what was learnt on the way. */
export type StagedList = { staged: NumberImport; parser: NumberParser; startedMs: number };

/** Streams a CSV or newline-delimited file into a new staging import. */
export async function stageFile(deps: ImportServiceDeps, file: Readable): Promise<StagedList> {
  const startedMs = performance.now();
  const parser = createNumberParser(deps);
  const staged = await openNumberImport(deps.pool);
  try {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of file) {
      const rows = parser.text(decoder.decode(chunk as Buffer, { stream: true }));
      if (rows) await staged.write(rows);
    }
    const rows = parser.text(decoder.decode()) + parser.end();
    if (rows) await staged.write(rows);
    return { staged, parser, startedMs };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

/** Stages a JSON list the same way (numbers as given, one per "line"). */
export async function stageList(deps: ImportServiceDeps, list: readonly (string | number)[]): Promise<StagedList> {
  const startedMs = performance.now();
  const parser = createNumberParser(deps);
  const staged = await openNumberImport(deps.pool);
  try {
    let rows = '';
    for (const raw of list) {
      rows += parser.value(raw);
      if (rows.length > 65_536) {
        await staged.write(rows);
        rows = '';
      }
    }
    if (rows) await staged.write(rows);
    return { staged, parser, startedMs };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

/** Stores the campaign with its staged numbers (one transaction), then queues its first wake. */
export async function commitNewCampaign(deps: ImportServiceDeps, list: StagedList, settings: ParsedSettings, principal: Principal) {
  const seen = list.parser.counts();
  if (seen.valid + seen.duplicatesDropped === 0) throw noValidNumbers(list.parser, 'file');
  const nowMs = deps.now();
  const { input } = settings;
  const campaign: ImportCampaign = {
    tenantId: principal.tenantId,
    name: input.name ?? `Campaign ${new Date(nowMs).toISOString()}`,
    sendTimeMs: settings.sendTimeMs,
    numberCallPerTime: input.numberCallPerTime,
    durationOfEachCall: input.durationOfEachCall,
    maxRetryOfDetail: input.maxRetryOfDetail,
    retryAfterSeconds: input.retryAfterSeconds,
    scripts: input.scripts,
    numberCallOuts: input.numberCallOuts,
    source: 'native',
    timeZone: input.timeZone,
    callWindows: input.callWindows,
    skipDates: input.skipDates,
    dailyAttemptCap: input.dailyAttemptCap,
    actor: `api-key:${principal.apiKeyId}`,
    nowMs,
  };
  const committing = performance.now();
  const outcome = stored(await list.staged.commit({ kind: 'create', campaign }, seen));
  logImport(deps, list, outcome, committing);
  deps.numberStatistics?.stored(outcome.accepted + outcome.suppressed + outcome.invalid);
  await queueWake(deps, outcome.campaignId, settings.sendTimeMs, nowMs);
  return { id: outcome.campaignId, phones: report(outcome, list.parser) };
}

/** Adds the staged numbers after the campaign's last position; only before it has started. */
export async function commitAppend(deps: ImportServiceDeps, list: StagedList, campaignId: string, principal: Principal, field: string) {
  const seen = list.parser.counts();
  if (seen.valid + seen.duplicatesDropped === 0) throw noValidNumbers(list.parser, field);
  const nowMs = deps.now();
  const committing = performance.now();
  const outcome = stored(await list.staged.commit({ kind: 'append', tenantId: principal.tenantId, campaignId, nowMs }, seen));
  logImport(deps, list, outcome, committing);
  deps.numberStatistics?.stored(outcome.accepted + outcome.suppressed + outcome.invalid);
  if (outcome.status === 'scheduled') await queueWake(deps, campaignId, outcome.sendTimeMs, nowMs);
  return { id: campaignId, firstPosition: outcome.firstPosition, phones: report(outcome, list.parser) };
}

function stored(outcome: ImportOutcome): Extract<ImportOutcome, { kind: 'stored' }> {
  if (outcome.kind === 'not_found') throw notFound('Campaign');
  if (outcome.kind === 'not_editable') throw notAppendable(outcome.status);
  return outcome;
}

export function notAppendable(status: string): ApiError {
  return invalidTransition(`Numbers can only be added before the campaign starts; it is ${status}.`, status);
}

// Where the time went: reading and staging the list, then moving it into campaign_numbers.
function logImport(deps: ImportServiceDeps, list: StagedList, outcome: Extract<ImportOutcome, { kind: 'stored' }>, committingMs: number) {
  const { accepted, duplicated, invalid, suppressed, campaignId } = outcome;
  const stageMs = Math.round(committingMs - list.startedMs);
  const commitMs = Math.round(performance.now() - committingMs);
  deps.logger.info({ campaignId, accepted, duplicated, invalid, suppressed, stageMs, commitMs }, 'numbers imported');
}

function report(outcome: Extract<ImportOutcome, { kind: 'stored' }>, parser: NumberParser): ImportReport {
  const { accepted, duplicated, invalid, suppressed } = outcome;
  return { accepted, duplicated, invalid, suppressed, invalidExamples: parser.examples() };
}

function noValidNumbers(parser: NumberParser, field: string): ApiError {
  const phones = { accepted: 0, duplicated: 0, invalid: parser.counts().invalid, suppressed: 0, invalidExamples: parser.examples() };
  const message = 'The list has no valid number to call.';
  return new ApiError(400, 'no_valid_numbers', message, [{ field, code: 'no_valid_numbers', message, ...phones }]);
}

// A failed enqueue is logged, not returned: the campaign is safe in Postgres and the sweep schedules it.
async function queueWake(deps: ImportServiceDeps, campaignId: string, atMs: number, nowMs: number) {
  try {
    await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
  } catch (error) {
    deps.logger.warn({ err: error, campaignId }, 'numbers stored but wake not queued; the sweep will schedule it');
  }
}

export type NumberParser = {
  /** Decoded file text in, staging rows out. */
  text(chunk: string): string;
  end(): string;
  /** One number of a JSON list. */
  value(raw: string | number): string;
  counts(): { valid: number; invalid: number; duplicatesDropped: number; mayRepeat: boolean };
  examples(): InvalidLine[];
};

export type NumberParserOptions = {
  // Invalid lines kept as examples (10 by default).
  examples?: number;
  // Sees every valid number, in national form, the first time it appears.
  onAccepted?: (national: string) => void;
};

// Turns lines into staging rows. Positions count every data line (blank lines excepted), so a
// number's position is its place in the file. Past `dedupeLimit` distinct numbers the parser
// stops remembering them and the final INSERT's ON CONFLICT de-duplicates the rest.
export function createNumberParser(deps: Pick<ImportServiceDeps, 'defaultCountry' | 'dedupeLimit'>, options: NumberParserOptions = {}): NumberParser {
  const country = deps.defaultCountry as CountryCode;
  const limit = deps.dedupeLimit ?? DEFAULT_DEDUPE_LIMIT;
  const examples = options.examples ?? EXAMPLES;
  const splitter = createLineSplitter();
  let seen: PhoneSet | null = createPhoneSet();
  const invalidLines: InvalidLine[] = [];
  let column: PhoneColumn | null = null;
  let line = 0;
  let position = 0;
  let valid = 0;
  let invalid = 0;
  let duplicatesDropped = 0;
  let mayRepeat = false;
  let out = '';

  const add = (raw: string | number, lineNo: number, tooLong: boolean) => {
    const result = tooLong ? ({ ok: false, reason: 'line_too_long' } as const) : normalizePhone(raw, country);
    const at = position++;
    if (!result.ok) {
      invalid++;
      const input = String(raw).trim().slice(0, 64);
      if (invalidLines.length < examples) invalidLines.push({ line: lineNo, position: at, input, reason: result.reason });
      out += stagingRow(at, input, result.reason);
      return;
    }
    const national = result.national;
    if (seen !== null && !seen.add(national)) {
      duplicatesDropped++;
      return;
    }
    if (seen !== null && seen.size >= limit) {
      seen = null;
      mayRepeat = true;
    }
    valid++;
    options.onAccepted?.(national);
    out += `${at}\t${national}\t\\N\n`;
  };

  const onLine = (text: string, tooLong: boolean) => {
    line++;
    if (column === null) {
      const first = stripBom(text);
      column = detectPhoneColumn(first);
      if (column.hasHeader) return;
      text = first;
    }
    const raw = tooLong ? text : fieldAt(text, column);
    if (!tooLong && raw.trim() === '' && text.trim() === '') return;
    add(raw, line, tooLong);
  };

  const take = () => {
    const rows = out;
    out = '';
    return rows;
  };

  return {
    text(chunk) {
      splitter.push(chunk, onLine);
      return take();
    },
    end() {
      splitter.end(onLine);
      return take();
    },
    value(raw) {
      line++;
      add(raw, line, false);
      return take();
    },
    counts: () => ({ valid, invalid, duplicatesDropped, mayRepeat }),
    examples: () => invalidLines.slice(),
  };
}
