import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

// The web console bundles this package for the browser: everything reachable from the entry must
// stay off Node's modules, and the only packages it pulls in are openapi-fetch and its type helpers.
const ALLOWED_PACKAGES = new Set(['openapi-fetch', 'openapi-typescript-helpers']);
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`.
const SPECIFIER = /\b(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

async function reachableImports(entry: URL, seen = new Set<string>()): Promise<{ file: string; specifier: string }[]> {
  if (seen.has(entry.href)) return [];
  seen.add(entry.href);
  const source = await readFile(entry, 'utf8');
  const found: { file: string; specifier: string }[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (specifier!.startsWith('.')) found.push(...(await reachableImports(new URL(specifier!, entry), seen)));
    else found.push({ file: entry.pathname.split('/src/')[1]!, specifier: specifier! });
  }
  return found;
}

describe('the SDK entry', () => {
  it('imports no Node module and no package beyond openapi-fetch', async () => {
    const imports = await reachableImports(new URL('./index.ts', import.meta.url));
    expect(imports.length).toBeGreaterThan(0);
    const nodeOnly = imports.filter(({ specifier }) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!));
    expect(nodeOnly, 'Node modules reachable from src/index.ts').toEqual([]);
    expect(imports.filter(({ specifier }) => !ALLOWED_PACKAGES.has(specifier))).toEqual([]);
  });
});
