import { describe, expect, it } from 'vitest';
import { bucketStart, timelineBucketSeconds } from './timeline.ts';

describe('timelineBucketSeconds', () => {
  it('picks the smallest readable size giving at most 300 buckets', () => {
    expect(timelineBucketSeconds(0)).toBe(1);
    expect(timelineBucketSeconds(300_000)).toBe(1); // 5 minutes: 300 one-second buckets
    expect(timelineBucketSeconds(301_000)).toBe(5);
    expect(timelineBucketSeconds(3_600_000)).toBe(15); // an hour: 240 buckets
    expect(timelineBucketSeconds(86_400_000)).toBe(300); // a day: 288 buckets
    expect(timelineBucketSeconds(30 * 86_400_000)).toBe(10_800); // a month: 240 buckets
  });

  it('goes to whole days past a week per bucket', () => {
    expect(timelineBucketSeconds(5 * 365 * 86_400_000)).toBe(7 * 86_400);
    expect(timelineBucketSeconds(10 * 365 * 86_400_000)).toBe(13 * 86_400);
  });
});

describe('bucketStart', () => {
  it('aligns buckets on the epoch', () => {
    expect(bucketStart(Date.UTC(2026, 0, 1, 8, 7, 59), 300)).toBe(Date.UTC(2026, 0, 1, 8, 5));
    expect(bucketStart(Date.UTC(2026, 0, 1, 8, 5), 300)).toBe(Date.UTC(2026, 0, 1, 8, 5));
  });
});
