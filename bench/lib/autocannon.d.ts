// autocannon ships no types; only what the bench uses.
declare module 'autocannon' {
  type Histogram = { p50: number; p99: number; max: number; average: number };
  type Result = {
    duration: number;
    requests: Histogram & { total: number };
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  function autocannon(options: Record<string, unknown>): Promise<Result>;
  export default autocannon;
}
