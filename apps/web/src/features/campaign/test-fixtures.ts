// API replies for the campaign pages' component tests, in the shapes the API documents.
import { saveApiKey } from '@/lib/session.ts';
import { GOOD_KEY, meRoute, type FakeRoute } from '@/test/fake-api.ts';

export const CAMPAIGN_ID = '11111111-1111-4111-8111-111111111111';
const T0 = Date.UTC(2030, 5, 12, 2, 0, 0);

export function campaignDetail(overrides: Record<string, unknown> = {}) {
  return {
    id: CAMPAIGN_ID,
    name: 'Spring promotion',
    status: 'running',
    source: 'native',
    sendTime: T0,
    numberCallPerTime: 5,
    durationOfEachCall: 30,
    maxRetryOfDetail: 1,
    retryAfterSeconds: 60,
    scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào' }],
    numberCallOuts: [],
    timeZone: 'Asia/Ho_Chi_Minh',
    callWindows: null,
    skipDates: [],
    dailyAttemptCap: null,
    pauseReason: null,
    pauseDetail: null,
    nextBatchAt: T0 + 60_000,
    numbers: { accepted: 500, duplicated: 0, invalid: 2 },
    createdAt: T0 - 3_600_000,
    startedAt: T0,
    completedAt: null,
    counts: { numbers: { pending: 377, calling: 3, answered: 70, failed: 40, no_result: 10, invalid: 2 }, batches: { sent: 25 }, attempts: 130 },
    progress: { toDial: 370, inFlight: 3, finished: 120, batchesSent: 25, batchesPlanned: 100, attempts: 130, answerRate: 0.5833, nextSlotAt: T0 + 60_000, estimatedFinishAt: T0 + 7_200_000 },
    ...overrides,
  };
}

export function listItem(overrides: Record<string, unknown> = {}) {
  const { counts: _counts, progress: _progress, ...campaign } = campaignDetail();
  return {
    ...campaign,
    progress: { total: 500, finished: 120, inFlight: 3, toDial: 370, answerRate: 0.5833, estimatedFinishAt: T0 + 7_200_000, nextBatchAt: T0 + 60_000 },
    ...overrides,
  };
}

export const call = (position: number, overrides: Record<string, unknown> = {}) => ({
  phone: `090${String(1_000_000 + position)}`,
  position,
  status: 'failed',
  attempts: 2,
  nextAttemptAt: null,
  invalidReason: null,
  history: [
    { attempt: 1, dialedAt: T0 + 1_000, batch: 0, providerSessionId: 's1', outcome: 'not_answered', outcomeAt: T0 + 20_000, answerSec: null, hangupCause: 'NO_ANSWER' },
    { attempt: 2, dialedAt: T0 + 90_000, batch: 3, providerSessionId: 's2', outcome: 'not_answered', outcomeAt: T0 + 110_000, answerSec: null, hangupCause: 'NO_ANSWER' },
  ],
  ...overrides,
});

export const timeline = {
  bucketSeconds: 60,
  calls: [
    { at: T0, dialled: 5, answered: 3, notAnswered: 2, noResult: 0, retries: 0 },
    { at: T0 + 60_000, dialled: 5, answered: 2, notAnswered: 1, noResult: 1, retries: 1 },
  ],
  batches: [
    { slot: 0, plannedAt: T0, sentAt: T0 + 400, size: 5, status: 'sent' },
    { slot: 1, plannedAt: T0 + 30_000, sentAt: null, size: 5, status: 'planned' },
  ],
  olderBatches: 0,
};

export const events = {
  items: [
    { from: null, to: 'scheduled', actor: 'api-key:abcdef12-3456', reason: null, at: T0 - 3_600_000 },
    { from: 'scheduled', to: 'running', actor: 'worker', reason: null, at: T0 },
  ],
  nextCursor: null,
};

type Json = { status: number; body: unknown };

// The API as the campaign pages use it; `handlers` override a path (`GET /v1/campaigns/:id`...).
export function campaignApi(handlers: Partial<Record<string, (request: Request) => Json | undefined>> = {}): FakeRoute {
  return (request) => {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname.replace(CAMPAIGN_ID, ':id')}`;
    const own = handlers[route];
    if (own) return own(request);
    if (url.pathname === '/v1/me') return meRoute(request);
    switch (route) {
      case 'GET /v1/campaigns':
        return { status: 200, body: { items: [listItem()], nextCursor: null } };
      case 'GET /v1/campaigns/:id':
        return { status: 200, body: campaignDetail() };
      case 'GET /v1/campaigns/:id/timeline':
        return { status: 200, body: timeline };
      case 'GET /v1/campaigns/:id/events':
        return { status: 200, body: events };
      case 'GET /v1/campaigns/:id/calls':
        return { status: 200, body: { items: [call(0), call(1, { status: 'answered', attempts: 1, history: [] })], nextCursor: null } };
      default:
        return undefined;
    }
  };
}

export const signInForTest = () => saveApiKey(GOOD_KEY);
