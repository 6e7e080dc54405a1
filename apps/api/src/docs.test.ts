import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TTS_CHARACTERS } from '@autocall/domain';
import { buildTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ maxCallsPerBatch: 37 });
});
afterAll(() => t?.close());

type Operation = { requestBody?: { content: Record<string, { schema: any }> }; parameters?: { name: string; in: string }[] };

describe('OpenAPI', () => {
  it('lists the campaign, OMICALL-compatible and webhook paths with request schemas from zod', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    const paths: Record<string, Record<string, Operation>> = spec.paths;
    for (const [path, method] of [
      ['/v1/campaigns', 'post'],
      ['/v1/campaigns', 'get'],
      ['/v1/campaigns/{id}', 'get'],
      ['/v1/campaigns/{id}/calls', 'get'],
      ['/v1/campaigns/{id}/batches', 'get'],
      ['/api/auth', 'get'],
      ['/api/v2/autoCall/executeByPhone', 'post'],
      ['/v1/providers/omicall/webhook', 'post'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }

    // The create schema is the zod schema itself: its limits follow the app's configuration.
    for (const path of ['/v1/campaigns', '/api/v2/autoCall/executeByPhone']) {
      const schema = paths[path]!.post!.requestBody!.content['application/json']!.schema;
      expect(schema.required).toContain('scripts');
      expect(schema.properties.numberCallPerTime).toMatchObject({ minimum: 1, maximum: 37 });
      expect(schema.properties.maxRetryOfDetail).toMatchObject({ minimum: 0, maximum: 10 });
      expect(schema.properties.sendTime.type).toBe('integer');
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['phoneNumbers', 'phones', 'phone_number_list']));
      const scriptTypes = JSON.stringify(schema.properties.scripts);
      for (const targetType of ['recording', 'callBotTextVariable', 'ivrMenu', 'ringGroup']) expect(scriptTypes).toContain(targetType);
      expect(scriptTypes).toContain(`"maxLength":${MAX_TTS_CHARACTERS}`);
    }
    const webhook = paths['/v1/providers/omicall/webhook']!.post!;
    expect(JSON.stringify(webhook.requestBody)).toContain('autocall_id');
    expect(webhook.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'token', in: 'query' })]));
    expect(paths['/api/auth']!.get!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'apiKey', in: 'query' })]));
    expect(paths['/v1/campaigns']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'limit', 'cursor']));
  });

  it('serves the documentation UI at /docs', async () => {
    let response = await t.app.inject({ method: 'GET', url: '/docs' });
    if (response.statusCode === 302) response = await t.app.inject({ method: 'GET', url: String(response.headers.location) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toMatch(/swagger/i);
  });
});
