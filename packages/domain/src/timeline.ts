/** At most this many buckets when the bucket size is chosen for the caller. */
export const TIMELINE_MAX_BUCKETS = 300;

// Sizes a person reads easily on a time axis, in seconds.
const NICE_BUCKETS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/** The smallest readable bucket size (seconds) that cuts `spanMs` into at most `maxBuckets` buckets. */
export function timelineBucketSeconds(spanMs: number, maxBuckets = TIMELINE_MAX_BUCKETS): number {
  const span = Math.max(0, spanMs) / 1000;
  const nice = NICE_BUCKETS.find((seconds) => Math.ceil(span / seconds) <= maxBuckets);
  return nice ?? Math.ceil(span / maxBuckets / 86_400) * 86_400;
}

/** Start of the bucket holding `atMs`, buckets aligned on the epoch. */
export function bucketStart(atMs: number, bucketSeconds: number): number {
  const size = bucketSeconds * 1000;
  return Math.floor(atMs / size) * size;
}
