// The one table the run prints, and the JSON it leaves in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.ts';

export type Row = {
  scenario: string;
  metric: string;
  value: number | null;
  unit: string;
  // The raw floor measured in the same run (COPY, plain BullMQ, Fastify hello world); null when the
  // figure has an absolute target only.
  baseline: number | null;
  baselineLabel?: string;
  // value / baseline.
  ratio: number | null;
  target: string;
  // null: informational, or not measured.
  met: boolean | null;
  note?: string;
};

export function row(r: Omit<Row, 'ratio'> & { ratio?: number | null }): Row {
  const ratio = r.ratio !== undefined ? r.ratio : r.value !== null && r.baseline ? r.value / r.baseline : null;
  return { ...r, ratio };
}

function fmt(value: number | null, unit = ''): string {
  if (value === null || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  const text = abs >= 1000 ? Math.round(value).toLocaleString('en-US') : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

export function formatTable(rows: Row[]): string {
  const header = ['scenario', 'metric', 'value', 'baseline', 'ratio', 'target', 'met?'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    fmt(r.value, r.unit),
    r.baseline === null ? '-' : `${fmt(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r.ratio === null ? '-' : r.ratio.toFixed(2),
    r.target,
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario} / ${r.metric}: ${r.note}`);
  return [line(header), rule, ...body.map(line), ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

export function writeResults(report: unknown, startedAt: Date): string {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}
