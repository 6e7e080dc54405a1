import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { campaignDetailSchema } from '../routes/campaigns/schemas.ts';
import { errorSchema } from './replies.ts';
import { replySerializer } from './serializer.ts';

const campaign = {
  id: '6f1c2a9e-3b7d-4c1e-9a55-0d2f8e4b7c31',
  name: 'Nhắc lịch',
  status: 'running',
  source: 'native',
  sendTime: 1_803_866_400_000,
  numberCallPerTime: 10,
  durationOfEachCall: 30,
  maxRetryOfDetail: 2,
  retryAfterSeconds: 300,
  scripts: [
    { targetType: 'callBotTextVariable', targetValue: 'Xin chào', voice: 'northern_female_ngocanh', speed: 1 },
    { targetType: 'ivrMenu', targetId: '6491781136826a5f9ce62910', targetValue: '728341' },
  ],
  numberCallOuts: [],
  timeZone: 'Asia/Ho_Chi_Minh',
  callWindows: { mon: [['08:00', '12:00']] },
  skipDates: ['2027-04-30'],
  dailyAttemptCap: null,
  pauseReason: null,
  pauseDetail: null,
  nextBatchAt: 1_803_866_430_000,
  numbers: { accepted: 3, duplicated: 0, invalid: 0 },
  createdAt: 1_803_000_000_000,
  startedAt: 1_803_866_400_000,
  completedAt: null,
  counts: { numbers: { pending: 1, answered: 2 }, batches: { sent: 1 }, attempts: 2 },
  progress: { toDial: 1, inFlight: 0, finished: 2, batchesSent: 1, batchesPlanned: 1, attempts: 2, answerRate: 1, nextSlotAt: null, estimatedFinishAt: 1_803_866_490_000 },
};

describe('replySerializer', () => {
  it('writes what zod would: the same keys in the same order, nulls and nested unions included', () => {
    const serialize = replySerializer(campaignDetailSchema);
    expect(serialize(campaign)).toBe(JSON.stringify(z.encode(campaignDetailSchema, campaign as never)));
  });

  it('drops keys the schema does not list, and keeps the extra keys of a loose object', () => {
    const serialize = replySerializer(errorSchema);
    const body = {
      statusCode: 400,
      code: 'no_valid_numbers',
      message: 'The phone list has no valid number to call.',
      details: [{ field: 'phoneNumbers', code: 'no_valid_numbers', message: 'x', accepted: 0, invalidExamples: [{ input: '12' }] }],
      internal: 'never shown',
    };
    const { internal: _internal, ...shown } = body;
    expect(JSON.parse(serialize(body))).toEqual(shown);
  });

  it('refuses a reply that lacks a required field, as zod does', () => {
    const serialize = replySerializer(z.object({ id: z.string(), count: z.int() }));
    expect(() => serialize({ id: 'x' })).toThrow(/count/);
  });

  it('compiles each schema once', () => {
    expect(replySerializer(errorSchema)).toBe(replySerializer(errorSchema));
  });
});
