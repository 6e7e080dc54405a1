import { describe, expect, test } from 'vitest';
import { campaignSettingsSchema } from './campaign-upload.ts';
import { createLineSplitter, csvField, detectPhoneColumn, fieldAt, splitCsvLine } from './csv-lines.ts';

function split(chunks: string[], max?: number): [string, boolean][] {
  const lines: [string, boolean][] = [];
  const splitter = createLineSplitter(max);
  const sink = (line: string, tooLong: boolean) => lines.push([line, tooLong]);
  for (const chunk of chunks) splitter.push(chunk, sink);
  splitter.end(sink);
  return lines;
}

describe('createLineSplitter', () => {
  test('joins lines cut across chunks and drops CR of CRLF', () => {
    expect(split(['0395', '187319\r\n09123', '45678\n', '0987654321']).map(([l]) => l)).toEqual([
      '0395187319',
      '0912345678',
      '0987654321',
    ]);
  });

  test('keeps empty lines (the caller skips them) and needs no final line break', () => {
    expect(split(['a\n\nb\n']).map(([l]) => l)).toEqual(['a', '', 'b']);
  });

  test('reports an over-long line once and skips the rest of it', () => {
    const lines = split(['x'.repeat(30), 'y'.repeat(30), 'z\nnext\n'], 40);
    expect(lines).toEqual([
      ['x'.repeat(30) + 'y'.repeat(30), true],
      ['next', false],
    ]);
  });
});

describe('detectPhoneColumn', () => {
  test('a plain list has no header and no separator', () => {
    expect(detectPhoneColumn('0395187319')).toEqual({ delimiter: null, index: 0, hasHeader: false });
    expect(detectPhoneColumn('+84 395 187 319')).toEqual({ delimiter: null, index: 0, hasHeader: false });
  });

  test('finds the phone column by name, with accents, BOM and other separators', () => {
    expect(detectPhoneColumn('\ufeffname,phone_number,city')).toEqual({ delimiter: ',', index: 1, hasHeader: true });
    expect(detectPhoneColumn('Họ tên;Số điện thoại')).toEqual({ delimiter: ';', index: 1, hasHeader: true });
    expect(detectPhoneColumn('id\tphoneNumber')).toEqual({ delimiter: '\t', index: 1, hasHeader: true });
  });

  test('a header of other names means the first column; data in the first line means no header', () => {
    expect(detectPhoneColumn('number,name')).toEqual({ delimiter: ',', index: 0, hasHeader: true });
    expect(detectPhoneColumn('0395187319,Lan')).toEqual({ delimiter: ',', index: 0, hasHeader: false });
  });
});

describe('fieldAt / splitCsvLine', () => {
  const column = { delimiter: ',', index: 1, hasHeader: true };
  test('takes the field by index, quoted or not', () => {
    expect(fieldAt('Lan,0395187319,HN', column)).toBe('0395187319');
    expect(fieldAt('"Nguyen, Lan","0395 187 319",HN', column)).toBe('0395 187 319');
    expect(fieldAt('Lan', column)).toBe('');
    expect(fieldAt('0395187319', { delimiter: null, index: 0, hasHeader: false })).toBe('0395187319');
    expect(fieldAt('"0395187319"', { delimiter: null, index: 0, hasHeader: false })).toBe('0395187319');
  });

  test('handles doubled quotes', () => {
    expect(splitCsvLine('"a ""b""",c', ',')).toEqual(['a "b"', 'c']);
  });
});

describe('campaignSettingsSchema', () => {
  test('is the create payload without a phone list', () => {
    const schema = campaignSettingsSchema({ maxCallsPerBatch: 20 });
    const parsed = schema.parse({ scripts: [{ targetType: 'recording', targetValue: 'a.mp3' }] });
    expect(parsed).not.toHaveProperty('phoneNumbers');
    // The numbers come from the file: a phone list here would be ignored, so it is refused.
    expect(schema.safeParse({ scripts: [{ targetType: 'recording', targetValue: 'a.mp3' }], phoneNumbers: ['x'] }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['phoneNumbers'],
    });
    expect(parsed.numberCallPerTime).toBe(15);
    expect(schema.safeParse({ scripts: [], numberCallPerTime: 21 }).success).toBe(false);
  });
});

describe('csvField', () => {
  test('quotes separators and quotes, defuses formulas, keeps numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+84 395 187 319')).toBe('+84 395 187 319');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
