import { describe, expect, it } from 'vitest';
import { createCampaign, createTenant } from '@autocall/db';
import { createLogger } from '@autocall/logger';
import type { DispatchResult } from '@autocall/omicall';
import { advanceCampaign, type AdvanceDeps } from './advance-campaign.ts';
import { createWorkerMetrics, startMetricsServer, type WorkerMetrics } from './metrics.ts';
import { useDbAndQueues } from './test-support.ts';

const T0 = Date.UTC(2026, 0, 5, 2);
const env = useDbAndQueues();

function metricLine(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

describe('worker metrics', () => {
  let metrics: WorkerMetrics;

  it('count batches, numbers, provider errors by code, slot lag and worker-decided outcomes after a dispatch', async () => {
    metrics = createWorkerMetrics({ queues: env.queues });
    const tenantId = (await createTenant(env.db.prisma, 'm')).id;
    const phones = Array.from({ length: 8 }, (_, i) => `09130000${String(i).padStart(2, '0')}`);
    const campaign = await createCampaign(env.db.prisma, {
      tenantId,
      name: 'metrics',
      sendTimeMs: T0,
      numberCallPerTime: 4,
      durationOfEachCall: 0,
      maxRetryOfDetail: 0,
      retryAfterSeconds: 60,
      scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
      numberCallOuts: [],
      source: 'native',
      accepted: phones.map((phone, position) => ({ phone, position })),
      invalid: [],
      duplicateCount: 0,
      actor: 'test',
      nowMs: T0,
    });
    let clock = T0 + 250;
    const replies: DispatchResult[] = [
      { kind: 'accepted', sessionId: 's-1', raw: {} },
      { kind: 'retryable', code: 'http_503', message: 'busy' },
    ];
    const deps: AdvanceDeps = {
      prisma: env.db.prisma,
      queues: env.queues,
      provider: { executeByPhone: async () => replies.shift() ?? { kind: 'ambiguous', code: 'timeout', message: 'no reply' } },
      logger: createLogger({ level: 'silent' }),
      now: () => clock,
      workerId: 'metrics-test',
      leaseMs: 30_000,
      outcomeTimeoutMs: 60_000,
      budgetMs: 60_000,
      maxRequestAttempts: 5,
      metrics: metrics.dispatch,
    };
    await advanceCampaign(deps, campaign.id);
    // Later: the first batch's calls have had no outcome for too long (no_result), and the
    // retried batch goes out with its reply lost (unknown).
    clock += 120_000;
    await advanceCampaign(deps, campaign.id);

    const text = await metrics.registry.metrics();
    expect(metricLine(text, 'autocall_batches_dispatched_total')).toBe(1);
    expect(metricLine(text, 'autocall_numbers_dispatched_total')).toBe(4);
    expect(metricLine(text, 'autocall_provider_errors_total', '{kind="retryable",code="http_503"}')).toBe(1);
    expect(metricLine(text, 'autocall_provider_errors_total', '{kind="ambiguous",code="timeout"}')).toBe(1);
    expect(metricLine(text, 'autocall_provider_request_duration_seconds_count', '{kind="accepted"}')).toBe(1);
    expect(metricLine(text, 'autocall_slot_lag_seconds_count')).toBe(1);
    expect(metricLine(text, 'autocall_slot_lag_seconds_sum')).toBeCloseTo(0.25);
    expect(metricLine(text, 'autocall_call_outcomes_total', '{outcome="no_result"}')).toBe(4);
    expect(metricLine(text, 'autocall_call_outcomes_total', '{outcome="unknown"}')).toBe(4);
    expect(text).toContain('autocall_queue_jobs{queue="campaign-wake",state="delayed"}');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('are served over HTTP on the worker metrics port', async () => {
    const server = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
    try {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('autocall_batches_dispatched_total 1');
      expect((await fetch(`${server.url}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('use a registry per worker, so two can live in one process', () => {
    expect(() => createWorkerMetrics()).not.toThrow();
    expect(() => createWorkerMetrics()).not.toThrow();
  });
});
