import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookEndpoint, pauseForProvider } from '@autocall/db';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../test-app.ts';

// The gauges the alert rules read (deploy/prometheus/alerts.yml), from what Postgres holds.
const T0 = Date.UTC(2030, 0, 7, 2);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => T0 });
});
afterAll(() => t?.close());

describe('API /metrics gauges read from Postgres', () => {
  it('show campaigns paused by the provider and how long the oldest due webhook has waited', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody({ sendTime: T0 + 60_000 }) });
      expect(created.statusCode).toBe(201);
      ids.push(created.json().id);
    }
    await pauseForProvider(t.db.prisma, ids[0]!, 'provider_unavailable', '5 attempts failed, last: connection_refused', T0);
    await pauseForProvider(t.db.prisma, ids[1]!, 'invalid_script', 'the provider refused the script', T0);
    const endpoint = await createWebhookEndpoint(t.db.prisma, { tenantId: t.tenantId, url: 'https://example.com/hook', events: ['campaign.paused'], secret: 'secret', nowMs: T0 });
    await t.db.prisma.webhookDelivery.createMany({
      data: [
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, nextAttemptAt: new Date(T0 - 90_000) },
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, nextAttemptAt: new Date(T0 + 60_000) },
      ],
    });

    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('autocall_campaigns{status="scheduled"} 1');
    expect(text).toContain('autocall_campaigns{status="paused"} 2');
    expect(text).toContain('autocall_campaigns{status="running"} 0');
    expect(text).toContain('autocall_campaigns_paused_by_provider{reason="provider_unavailable"} 1');
    expect(text).toContain('autocall_campaigns_paused_by_provider{reason="invalid_script"} 1');
    // The endpoint was registered after the pauses, so only the two rows above are pending.
    expect(text).toContain('autocall_webhook_outbox_pending 2');
    expect(text).toContain('autocall_webhook_outbox_oldest_due_age_seconds 90');
  });
});
