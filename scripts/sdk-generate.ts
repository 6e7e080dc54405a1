// `npm run sdk:generate`: writes packages/sdk/src/generated/openapi.ts from the OpenAPI document
// the current code serves. Needs neither Postgres nor Redis.
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { buildOpenApiDocument } from '../apps/api/src/openapi-document.ts';
import { GENERATED_TYPES_PATH, renderOpenApiTypes } from '../packages/sdk/codegen/openapi-types.ts';

const started = performance.now();
const document = await buildOpenApiDocument();
const built = performance.now();
const text = await renderOpenApiTypes(document);
const before = await readFile(GENERATED_TYPES_PATH, 'utf8').catch(() => '');
if (text !== before) await writeFile(GENERATED_TYPES_PATH, text);
const done = performance.now();
const file = relative(process.cwd(), GENERATED_TYPES_PATH);
const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
process.stdout.write(
  `${text === before ? 'unchanged' : 'wrote'} ${file} (${Object.keys(document.paths ?? {}).length} paths): document ${ms(started, built)}, types ${ms(built, done)}\n`,
);
