// Scenario sizes. `full` is the scale; `smoke` runs the same code paths in under a minute.
export type Sizes = {
  name: 'smoke' | 'full';
  loadSec: number;
  loadConnections: number;
  dispatch: { numbers: number; perBatch: number; dispatchWaitSec: number; outcomeWaitSec: number; smallNumbers: number; smallPerBatch: number; webhookPool: number };
  // `campaigns` for the first round; issue 12 also asks for the lag at `secondRoundCampaigns` (0: no second round).
  timing: { campaigns: number; secondRoundCampaigns: number; numbersPerCampaign: number; perSlot: number; minDurationSec: number; maxDurationSec: number };
  scheduled: { campaigns: number; numbersPerCampaign: number; compareNumbersPerCampaign: number; getRate: number };
  api: { phonesPerCampaign: number };
  // A whole campaign through the API (at most 100,000 numbers in one JSON request), for writes per number.
  writes: { numbers: number; perBatch: number; timeoutSec: number };
  // GET /v1/campaigns/:id on a running campaign of `numbers` numbers.
  detail: { numbers: number; getRate: number; durationSec: number };
};

export const SIZES: Record<Sizes['name'], Sizes> = {
  smoke: {
    name: 'smoke',
    loadSec: 2,
    loadConnections: 16,
    dispatch: { numbers: 5_000, perBatch: 1_000, dispatchWaitSec: 20, outcomeWaitSec: 20, smallNumbers: 200, smallPerBatch: 10, webhookPool: 2_000 },
    timing: { campaigns: 20, secondRoundCampaigns: 0, numbersPerCampaign: 4, perSlot: 2, minDurationSec: 1, maxDurationSec: 2 },
    scheduled: { campaigns: 200, numbersPerCampaign: 100, compareNumbersPerCampaign: 10, getRate: 50 },
    api: { phonesPerCampaign: 100 },
    writes: { numbers: 5_000, perBatch: 1_000, timeoutSec: 120 },
    detail: { numbers: 20_000, getRate: 50, durationSec: 5 },
  },
  full: {
    name: 'full',
    loadSec: 10,
    loadConnections: 32,
    dispatch: { numbers: 1_000_000, perBatch: 1_000, dispatchWaitSec: 300, outcomeWaitSec: 420, smallNumbers: 2_000, smallPerBatch: 10, webhookPool: 50_000 },
    timing: { campaigns: 1_000, secondRoundCampaigns: 3_000, numbersPerCampaign: 30, perSlot: 2, minDurationSec: 2, maxDurationSec: 5 },
    scheduled: { campaigns: 10_000, numbersPerCampaign: 1_000, compareNumbersPerCampaign: 10, getRate: 200 },
    api: { phonesPerCampaign: 100 },
    writes: { numbers: 100_000, perBatch: 1_000, timeoutSec: 600 },
    detail: { numbers: 1_000_000, getRate: 200, durationSec: 10 },
  },
};

export function pickSizes(argv: string[], env: Record<string, string | undefined>): Sizes {
  const name = argv.includes('--smoke') ? 'smoke' : argv.includes('--full') ? 'full' : (env.BENCH_SIZE ?? 'full');
  if (name !== 'smoke' && name !== 'full') throw new Error(`BENCH_SIZE must be smoke or full, got ${name}`);
  const sizes = structuredClone(SIZES[name]);
  // For investigating one figure at another scale without editing the presets.
  if (env.BENCH_DISPATCH_NUMBERS) sizes.dispatch.numbers = Number(env.BENCH_DISPATCH_NUMBERS);
  if (env.BENCH_LOAD_SEC) sizes.loadSec = Number(env.BENCH_LOAD_SEC);
  if (env.BENCH_WRITES_NUMBERS) sizes.writes.numbers = Number(env.BENCH_WRITES_NUMBERS);
  if (env.BENCH_DETAIL_NUMBERS) sizes.detail.numbers = Number(env.BENCH_DETAIL_NUMBERS);
  if (env.BENCH_TIMING_CAMPAIGNS) sizes.timing.campaigns = Number(env.BENCH_TIMING_CAMPAIGNS);
  if (env.BENCH_TIMING_CAMPAIGNS_2) sizes.timing.secondRoundCampaigns = Number(env.BENCH_TIMING_CAMPAIGNS_2);
  return sizes;
}

// A valid Vietnamese mobile number (national form, as the API stores it) for every index below
// 90,000,000, distinct per index: 09[0-8] + 7 digits.
export function benchPhone(i: number): string {
  return `09${Math.floor(i / 10_000_000) % 9}${String(i % 10_000_000).padStart(7, '0')}`;
}

// The same formula in SQL, for generate_series set-up.
export function benchPhoneSql(expr: string): string {
  return `'09' || ((${expr}) / 10000000 % 9)::text || lpad(((${expr}) % 10000000)::text, 7, '0')`;
}
