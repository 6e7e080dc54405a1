// Throughput of normalizePhone on a million numbers per shape. Run from the repo root:
//   node packages/domain/scripts/bench-phone.ts
import { normalizePhone, normalizePhoneWithLibrary } from '../src/phone.ts';
import { summarizePhones } from '../src/phone-dedupe.ts';

const PREFIXES = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88', '89', '90', '91', '92', '93', '94', '96', '97', '98', '99', '56', '58', '59'];
const N = 1_000_000;

function make(shape: (nsn: string) => string | number): (string | number)[] {
  const out: (string | number)[] = new Array(N);
  for (let i = 0; i < N; i++) {
    out[i] = shape(PREFIXES[i % PREFIXES.length] + String(1_000_000 + ((i * 7919) % 9_000_000)));
  }
  return out;
}

function measure(name: string, fn: (raw: string | number) => { ok: boolean }, data: (string | number)[], count = data.length): void {
  for (let i = 0; i < 20_000; i++) fn(data[i]!);
  const started = performance.now();
  let ok = 0;
  for (let i = 0; i < count; i++) if (fn(data[i]!).ok) ok++;
  const ms = performance.now() - started;
  process.stdout.write(`${name.padEnd(44)} ${count} in ${ms.toFixed(0)} ms = ${(count / ms / 1000).toFixed(2)} M/s (valid ${ok})\n`);
}

const shapes: Record<string, (nsn: string) => string | number> = {
  '0xxxxxxxxx': (n) => '0' + n,
  '84xxxxxxxxx': (n) => '84' + n,
  '+84xxxxxxxxx': (n) => '+84' + n,
  '84xxxxxxxxx as a number': (n) => Number('84' + n),
  '0xxx xxx xxx': (n) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
};
const sets = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, make(shape)]));
for (const [name, data] of Object.entries(sets)) measure(`normalizePhone ${name}`, (raw) => normalizePhone(raw), data);
measure('library only, 0xxxxxxxxx', (raw) => normalizePhoneWithLibrary(raw), sets['0xxxxxxxxx']!, 100_000);

const started = performance.now();
const summary = summarizePhones(sets['0xxxxxxxxx']!);
process.stdout.write(`summarizePhones 1M 0xxxxxxxxx: ${(performance.now() - started).toFixed(0)} ms (accepted ${summary.accepted.length})\n`);
