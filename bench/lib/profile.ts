// Summarises V8 .cpuprofile files (node --cpu-prof): self time per function, top N, plus the share
// of time by area (our code, Prisma, pg, fastify/zod, BullMQ/ioredis, idle/GC). Usable on its own:
//   node bench/lib/profile.ts <file-or-dir> [top]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const AREAS: [string, RegExp][] = [
  ['prisma', /@prisma|prisma\/|generated\/|query_compiler|wasm/],
  ['pg', /node_modules\/pg(-|\/)/],
  ['bullmq/ioredis', /bullmq|ioredis/],
  ['fastify/zod', /fastify|find-my-way|light-my-request|avvio|zod/],
  ['pino', /pino|sonic-boom/],
  ['undici/http', /undici|node:http|node:_http|node:net/],
  ['autocall', /\/(apps|packages)\/[^/]+\/src\//],
];

function areaOf(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(program)') return 'program';
  for (const [name, re] of AREAS) if (re.test(url)) return name;
  return url.startsWith('node:') ? 'node core' : url ? 'other js' : 'native';
}

// Module loading and compilation at start-up is not what a scenario measures: samples under such a
// frame are counted as `startup` and left out of the function list.
const STARTUP = /^(compileSourceTextModule|wrapSafe|compileForInternalLoader|instantiate|link|evaluate|importModuleDynamically|loadESM.*|executeUserEntryPoint)$/;

function startupNodes(profile: Profile): Set<number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, boolean>();
  const isStartup = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const result = STARTUP.test(node.callFrame.functionName) || node.callFrame.url.startsWith('node:internal/modules') || (up !== undefined && isStartup(up));
    memo.set(id, result);
    return result;
  };
  return new Set(profile.nodes.filter((n) => isStartup(n.id)).map((n) => n.id));
}

export function summariseProfile(file: string, top = 12): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const startup = startupNodes(profile);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (startup.has(id)) {
      byArea.set('startup', (byArea.get('startup') ?? 0) + us);
      continue;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|apps|packages)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const busy = total - (byArea.get('idle') ?? 0) - (byArea.get('startup') ?? 0);
  const lines = [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${((100 * busy) / total).toFixed(0)}% busy after start-up (percentages below are of all samples)`,
    `  by area: ${[...byArea].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${pct(v).trim()}`).join(', ')}`,
    ...[...byFunction]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${pct(v)}  ${k}`),
  ];
  return lines.join('\n');
}

export function summariseProfiles(dir: string, top = 12): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summariseProfile(path.join(dir, f), top))
    .join('\n\n');
}

if (import.meta.main) {
  const target = process.argv[2];
  if (!target) throw new Error('usage: node bench/lib/profile.ts <file.cpuprofile | dir> [top]');
  const top = Number(process.argv[3] ?? 15);
  process.stdout.write(`${statSync(target).isDirectory() ? summariseProfiles(target, top) : summariseProfile(target, top)}\n`);
}
