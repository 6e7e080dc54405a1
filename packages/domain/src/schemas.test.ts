import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as schemas from './schemas.ts';
import * as domain from './index.ts';

// Every relative module reachable from `file`, following `from './x.ts'` specifiers.
function reachable(file: URL, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file.href)) return seen;
  const source = readFileSync(file, 'utf8');
  seen.set(file.href, source);
  for (const [, specifier] of source.matchAll(/from '(\.[^']+)'/g)) reachable(new URL(specifier!, file), seen);
  return seen;
}

describe('@autocall/domain/schemas', () => {
  it('reaches no Node built-in, so the browser console can bundle it', () => {
    const modules = reachable(new URL('./schemas.ts', import.meta.url));
    const nodeImports = [...modules].filter(([, source]) => /from 'node:/.test(source)).map(([href]) => href);
    expect(nodeImports).toEqual([]);
    expect(modules.size).toBeGreaterThan(5);
  });

  it('exports the same objects as the package index', () => {
    for (const [name, value] of Object.entries(schemas)) expect((domain as Record<string, unknown>)[name], name).toBe(value);
  });
});
