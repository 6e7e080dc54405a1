// The API's wizard endpoints as component tests need them (the browser journeys use the real API):
// the dry run counts numbers like the API (national VN mobiles valid, repeats duplicated) and
// plans one batch per numberCallPerTime numbers; create answers 201 once per Idempotency-Key.
import { vi } from 'vitest';
import { meRoute } from '@/test/fake-api.ts';

type Reply = { status: number; body: unknown } | undefined;

export const SOURCE_ID = '00000000-0000-4000-8000-0000000000aa';
export const CREATED_ID = '00000000-0000-4000-8000-0000000000bb';
const PLAN_AT = Date.UTC(2030, 5, 12, 2, 0, 0);

type Entry = string | number;

function countPhones(entries: Entry[]) {
  const seen = new Set<string>();
  const phones = { accepted: 0, duplicated: 0, invalid: 0, suppressed: 0, invalidExamples: [] as { line: number; position: number; input: string; reason: string }[] };
  entries.forEach((raw, position) => {
    const text = String(raw).replace(/\s/g, '');
    if (!/^0\d{9}$/.test(text)) {
      phones.invalid += 1;
      phones.invalidExamples.push({ line: position + 1, position, input: String(raw), reason: /\d/.test(text) ? 'too_short' : 'not_a_number' });
    } else if (seen.has(text)) phones.duplicated += 1;
    else if (text.endsWith('999')) phones.suppressed += 1;
    else {
      seen.add(text);
      phones.accepted += 1;
    }
  });
  return phones;
}

// JSON as it is; multipart as the campaign settings with the file's lines (after a header) as phoneNumbers.
async function readBody(request: Request): Promise<unknown> {
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data')) return request.clone().json().catch(() => undefined);
  const form = await request.clone().formData();
  const lines = (await (form.get('file') as File).text()).split(/\r?\n/).filter(Boolean);
  const phones = lines[0]?.includes('phone') ? lines.slice(1).map((line) => line.split(',').at(-1)!) : lines;
  return { ...(JSON.parse(String(form.get('campaign'))) as object), phoneNumbers: phones, multipart: true };
}

export type WizardApiLog = { validate: unknown[]; creates: { path: string; key: string | null; body: unknown }[] };

// Stands in for fetch (as src/test/fake-api.ts does, reading JSON bodies too); returns what was asked.
export function fakeWizardApi(options: { maxCallsPerBatch?: number; createError?: unknown } = {}): WizardApiLog {
  const log: WizardApiLog = { validate: [], creates: [] };
  const max = options.maxCallsPerBatch ?? 50;
  const route = (request: Request, body: unknown): Reply => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/me') return meRoute(request);
    if (url.pathname === '/v1/campaigns/validate') {
      log.validate.push(body);
      const input = body as { phoneNumbers: Entry[]; numberCallPerTime?: number };
      if ((input.numberCallPerTime ?? 15) > max) {
        const message = `numberCallPerTime must be at most ${max}.`;
        return { status: 400, body: { statusCode: 400, code: 'validation_error', message, details: [{ field: 'numberCallPerTime', code: 'too_big', message }] } };
      }
      const phones = countPhones(input.phoneNumbers);
      const batches = Math.ceil(phones.accepted / (input.numberCallPerTime ?? 15));
      return {
        status: 200,
        body: {
          phones,
          plan: { batches, retryBatches: 0, firstBatchAt: PLAN_AT, lastBatchAt: PLAN_AT + (batches - 1) * 30_000, estimatedFinishAt: PLAN_AT + batches * 30_000, durationSeconds: batches * 30, assumedAnswerRate: 0 },
        },
      };
    }
    if (url.pathname === `/v1/campaigns/${SOURCE_ID}` && request.method === 'GET') {
      return {
        status: 200,
        body: {
          id: SOURCE_ID,
          name: 'Spring promo',
          status: 'completed',
          scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào', voice: 'southern_male_tienhuy', speed: 1.2 }],
          numberCallOuts: ['02873000000'],
          numberCallPerTime: 20,
          durationOfEachCall: 45,
          maxRetryOfDetail: 1,
          retryAfterSeconds: 120,
          timeZone: 'Asia/Ho_Chi_Minh',
          callWindows: { mon: [['08:00', '12:00']] },
          skipDates: ['2030-09-02'],
          counts: { numbers: { answered: 10, failed: 4, no_result: 2, cancelled: 1 }, batches: {}, attempts: 20 },
        },
      };
    }
    if (request.method === 'POST' && (url.pathname === '/v1/campaigns' || url.pathname === '/v1/campaigns/upload' || url.pathname.endsWith('/call-again'))) {
      log.creates.push({ path: url.pathname, key: request.headers.get('idempotency-key'), body });
      if (options.createError) return { status: 400, body: options.createError };
      return { status: 201, body: { id: CREATED_ID, name: 'x', status: 'scheduled', phones: { accepted: 1, duplicated: 0, invalid: 0, suppressed: 0, invalidExamples: [] } } };
    }
    if (url.pathname === `/v1/campaigns/${CREATED_ID}`) return { status: 200, body: { id: CREATED_ID, name: 'Created', status: 'scheduled' } };
    return undefined;
  };
  vi.stubGlobal('fetch', async (request: Request) => {
    const body: unknown = request.method === 'GET' ? undefined : await readBody(request);
    const reply = route(request, body) ?? { status: 404, body: { statusCode: 404, code: 'route_not_found', message: 'No route.' } };
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  return log;
}
