import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../apps/api/src/openapi-document.ts';
import { buildTestApp } from '../../../apps/api/src/test-app.ts';
import { GENERATED_TYPES_PATH, renderOpenApiTypes } from '../codegen/openapi-types.ts';

describe('the SDK types', () => {
  it('match the OpenAPI document the API serves now', async () => {
    const expected = await renderOpenApiTypes(await buildOpenApiDocument());
    const checkedIn = await readFile(GENERATED_TYPES_PATH, 'utf8');
    if (checkedIn !== expected) {
      expect.fail(`packages/sdk/src/generated/openapi.ts is stale (the API's OpenAPI document changed): run npm run sdk:generate and commit the result.\n${firstDifference(checkedIn, expected)}`);
    }
  });

  it('come from the same document a running API serves at /docs/json', async () => {
    const t = await buildTestApp();
    try {
      const served = await t.app.inject({ method: 'GET', url: '/docs/json' });
      expect(served.statusCode).toBe(200);
      expect(await buildOpenApiDocument()).toEqual(served.json());
    } finally {
      await t.close();
    }
  });
});

function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = e.findIndex((text, i) => a[i] !== text);
  const at = line === -1 ? e.length : line;
  return `first difference at line ${at + 1}:\n  checked in: ${a[at] ?? '<end of file>'}\n  generated:  ${e[at] ?? '<end of file>'}`;
}
