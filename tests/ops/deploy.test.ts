// What an admin loads into Prometheus and Grafana (deploy/) against what the processes really
// expose: promtool accepts the rules and their unit tests, the dashboard's queries parse, every
// metric a panel or rule names exists on the API's or the worker's /metrics, and promtool's
// metrics linter has nothing to say about ours. promtool comes from Debian's `prometheus` package
// (.ci/run installs it); without it these tests fail, they never skip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../apps/api/src/test-app.ts';
import { createWorkerMetrics, startMetricsServer } from '../../apps/worker/src/metrics.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALERTS = join(ROOT, 'deploy/prometheus/alerts.yml');
const ALERT_TESTS = join(ROOT, 'deploy/prometheus/alerts.test.yml');
const DASHBOARD = join(ROOT, 'deploy/grafana/autocall.json');
const PREFIX = 'autocall_';

// What `promtool check metrics` says about prom-client's default collectors (collectDefaultMetrics):
// gauges named like counters. They are prom-client's names, not ours; README "Operations" lists them.
const DEFAULT_COLLECTOR_LINT = [
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
];

type Run = { status: number | null; output: string };

function promtool(args: string[], input?: string): Run {
  const run = spawnSync(process.env.PROMTOOL ?? 'promtool', args, { cwd: ROOT, input, encoding: 'utf8' });
  if (run.error) {
    throw new Error(
      `promtool could not be run (${run.error.message}). Install it with Debian's prometheus package ` +
        '(apt-get install --no-install-recommends prometheus; .ci/run does this) or set PROMTOOL to its path.',
    );
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

type Panel = { id: number; type: string; title: string; datasource?: { uid?: string }; targets?: { expr: string }[]; panels?: Panel[] };
type Dashboard = { __inputs: { name: string; type: string; pluginId: string }[]; panels: Panel[]; templating: { list: { name: string; type: string }[] } };

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
const dashboardExprs = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

// Crude PromQL reading: every identifier with our prefix, histogram/summary series suffixes removed
// when the family itself is what /metrics declares.
function metricNames(text: string): string[] {
  return [...new Set(text.match(new RegExp(`\\b${PREFIX}[a-z0-9_]+`, 'g')) ?? [])].sort();
}

// Metric families a /metrics text declares (`# TYPE <name> <type>`).
function families(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) => m[1]!));
}

function missingFrom(names: string[], declared: Set<string>): string[] {
  return names.filter((name) => !declared.has(name) && !declared.has(name.replace(/_(bucket|sum|count)$/, '')));
}

describe('Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    const run = promtool(['check', 'rules', ALERTS]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status, run.output).toBe(0);
  });

  it('fire on the series they are meant for and stay quiet otherwise (promtool test rules)', () => {
    const run = promtool(['test', 'rules', ALERT_TESTS]);
    expect(run.status, run.output).toBe(0);
  });

  it('each carry a for:, a severity and a summary and description', () => {
    const text = readFileSync(ALERTS, 'utf8');
    const rules = text.split(/^\s+- alert: /m).slice(1);
    expect(rules.map((r) => r.split('\n')[0])).toEqual([
      'AutocallSlotLagHigh',
      'AutocallProviderFailing',
      'AutocallCampaignPausedByProvider',
      'AutocallWebhookBacklogGrowing',
      'AutocallWebhookDeliveriesOverdue',
    ]);
    for (const rule of rules) {
      expect(rule).toMatch(/^\s+for: \d+m$/m);
      expect(rule).toMatch(/^\s+severity: (warning|critical)$/m);
      expect(rule).toMatch(/^\s+summary: \S/m);
      expect(rule).toMatch(/^\s+description: >-\n\s+\S/m);
    }
  });
});

describe('Grafana dashboard', () => {
  it('is importable with the Prometheus data source as an input and a variable', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource' }));
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(panel.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('covers slot lag, dispatch, the provider, outcomes, campaigns, webhook backlog and queue depth', () => {
    const all = dashboardExprs.join('\n');
    for (const name of [
      'autocall_slot_lag_seconds_bucket',
      'autocall_batches_dispatched_total',
      'autocall_numbers_dispatched_total',
      'autocall_provider_request_duration_seconds_bucket',
      'autocall_provider_errors_total',
      'autocall_call_outcomes_total',
      'autocall_campaigns',
      'autocall_campaigns_paused_by_provider',
      'autocall_webhook_outbox_pending',
      'autocall_queue_jobs',
    ]) {
      expect(metricNames(all), name).toContain(name);
    }
  });

  it('has queries that parse as PromQL', () => {
    // promtool parses a recording rule's expression like Prometheus does; Grafana's interval macro
    // is what Grafana substitutes before sending the query.
    const rules = dashboardExprs.map((expr, i) => `      - record: autocall:dashboard_query_${i}\n        expr: ${JSON.stringify(expr.replaceAll('$__rate_interval', '5m'))}`);
    const dir = mkdtempSync(join(tmpdir(), 'autocall-dashboard-'));
    try {
      const file = join(dir, 'queries.yml');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
      const run = promtool(['check', 'rules', file]);
      expect(run.status, run.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/metrics of the API and the worker', () => {
  let t: TestApp;
  let api = '';
  let worker = '';

  beforeAll(async () => {
    t = await buildTestApp();
    // A request or two, so labelled series have samples for the linter to read.
    const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody({ sendTime: Date.now() + 3_600_000 }) });
    expect(created.statusCode).toBe(201);
    api = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;

    // The worker's registry served by its metrics server, as main.ts wires it (METRICS_PORT).
    const metrics = createWorkerMetrics({ queues: t.queues });
    const server = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
    try {
      worker = await (await fetch(`${server.url}/metrics`)).text();
    } finally {
      await server.close();
    }
  });
  afterAll(() => t?.close());

  it('declare every metric the dashboard and the alert rules name', () => {
    const named = metricNames(`${readFileSync(DASHBOARD, 'utf8')}\n${readFileSync(ALERTS, 'utf8')}`);
    // Names in panel descriptions and alert annotations count too: the admin is told to look there.
    expect(named.length).toBeGreaterThan(10);
    const declared = new Set([...families(api), ...families(worker)]);
    expect(missingFrom(named, declared)).toEqual([]);
  });

  it('show the campaigns by status and the outbox from Postgres', () => {
    expect(api).toContain('autocall_campaigns{status="scheduled"} 1');
    expect(api).toContain('autocall_campaigns{status="running"} 0');
    expect(api).not.toContain('autocall_campaigns{status="completed"}');
    expect(api).toContain('autocall_webhook_outbox_pending 0');
    expect(api).toContain('autocall_webhook_outbox_oldest_due_age_seconds 0');
    expect(api).toContain('# TYPE autocall_campaigns_paused_by_provider gauge');
  });

  it.each([
    ['API', () => api],
    ['worker', () => worker],
  ])('pass promtool check metrics on the %s, apart from prom-client default collectors', (_name, text) => {
    const run = promtool(['check', 'metrics'], text());
    const messages = run.output.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(messages.filter((m) => !DEFAULT_COLLECTOR_LINT.includes(m))).toEqual([]);
    // 3 is promtool's "lint problems found" (only the ones allowed above); anything else is a failure.
    expect([0, 3], run.output).toContain(run.status);
  });

  it('README lists the default collectors promtool comments on', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(DEFAULT_COLLECTOR_LINT.filter((message) => !readme.includes(message))).toEqual([]);
  });
});
