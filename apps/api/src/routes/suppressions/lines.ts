import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { normalizePhone, type CountryCode } from '@autocall/domain';

export type ListReport = {
  added: number;
  duplicated: number;
  invalid: number;
  // `line` for a file, `position` (0-based) for a JSON list.
  invalidExamples: { input: string; reason: string; line?: number; position?: number }[];
};

const EXAMPLES = 10;
// Numbers written per statement: memory stays flat however long the file is.
const CHUNK = 5_000;

// The phone in one line of a newline-delimited or CSV file: the first cell, unquoted.
export function phoneCell(line: string): string {
  const cell = line.split(/[,;\t]/, 1)[0] ?? '';
  return cell.trim().replace(/^"(.*)"$/, '$1').trim();
}

/**
 * Reads a list line by line, normalises each number and hands them on in chunks, so neither the
 * file nor the list is ever held whole. A first line with letters in it is a header and skipped.
 */
export async function readPhoneLines(
  stream: Readable,
  defaultCountry: CountryCode,
  addChunk: (phones: string[]) => Promise<{ added: number; duplicated: number }>,
): Promise<ListReport> {
  const report: ListReport = { added: 0, duplicated: 0, invalid: 0, invalidExamples: [] };
  let chunk: string[] = [];
  let lineNo = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const added = await addChunk(chunk);
    report.added += added.added;
    report.duplicated += added.duplicated;
    chunk = [];
  };
  for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo += 1;
    const cell = phoneCell(lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw);
    if (cell === '') continue;
    if (lineNo === 1 && /[a-z]/i.test(cell)) continue;
    const phone = normalizePhone(cell, defaultCountry);
    if (!phone.ok) {
      report.invalid += 1;
      if (report.invalidExamples.length < EXAMPLES) report.invalidExamples.push({ input: cell.slice(0, 64), reason: phone.reason, line: lineNo });
      continue;
    }
    chunk.push(phone.national);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return report;
}
