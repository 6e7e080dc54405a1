// Scenario 5: campaign creation under load. Every request carries a different list of 100 numbers
// and a send time a week away (so the workers stay idle and only creation is measured). Peak rate
// with as many connections as the other load tests, then p99 latency at half that rate.
import { SCRIPTS } from '../lib/campaigns.ts';
import { formatCpu, measureCpu } from '../lib/cpu.ts';
import { load, type LoadResult } from '../lib/load.ts';
import { row, type Row } from '../lib/report.ts';
import { benchPhone, type Sizes } from '../lib/sizes.ts';
import { ADMIN_KEY, type Stack } from '../lib/stack.ts';

export async function apiScenario(stack: Stack, sizes: Sizes, hello: LoadResult & { cpuMsPerRequest: number }): Promise<Row[]> {
  let next = 0;
  const sendTime = Date.now() + 7 * 86_400_000;
  const make = () => {
    const base = 80_000_000 + (next++ % 90_000) * sizes.api.phonesPerCampaign;
    return {
      body: JSON.stringify({
        name: `bench-api-${next}`,
        sendTime,
        scripts: SCRIPTS,
        numberCallPerTime: 10,
        durationOfEachCall: 30,
        phoneNumbers: Array.from({ length: sizes.api.phonesPerCampaign }, (_, k) => benchPhone(base + k)),
      }),
    };
  };
  const request = { method: 'POST' as const, path: '/v1/campaigns', headers: { authorization: `Bearer ${ADMIN_KEY}` }, make };
  let cpu: Record<string, number> = {};
  const peak = await load(stack.apiUrl, request, { connections: sizes.loadConnections, durationSec: sizes.loadSec }, async (measured) => {
    const { result, cpuMs } = await measureCpu(stack, measured);
    cpu = cpuMs;
    return result;
  });
  const half = await load(stack.apiUrl, request, { connections: sizes.loadConnections, durationSec: sizes.loadSec, overallRate: peak.requestsPerSec / 2 });
  const errors = (r: LoadResult) => `${r.non2xx} non-2xx, ${r.errors} errors`;
  return [
    row({
      scenario: '5 api',
      metric: `POST /v1/campaigns (${sizes.api.phonesPerCampaign} numbers) req/s`,
      value: peak.requestsPerSec,
      unit: '/s',
      baseline: hello.requestsPerSec,
      baselineLabel: 'hello world',
      target: 'info (ratio)',
      met: null,
      note: `${peak.total} campaigns in ${peak.durationSec} s with ${sizes.loadConnections} connections, p99 ${peak.latencyP99Ms} ms, ${errors(peak)}; ${formatCpu(cpu, Math.max(1, peak.total), 'campaign')} (hello world ${hello.cpuMsPerRequest.toFixed(3)})`,
    }),
    row({
      scenario: '5 api',
      metric: `POST /v1/campaigns p99 at half peak (${Math.round(peak.requestsPerSec / 2)}/s)`,
      value: half.latencyP99Ms,
      unit: 'ms',
      baseline: null,
      target: 'info',
      met: null,
      note: `p50 ${half.latencyP50Ms} ms, achieved ${half.requestsPerSec.toFixed(0)}/s, ${errors(half)}`,
    }),
  ];
}
