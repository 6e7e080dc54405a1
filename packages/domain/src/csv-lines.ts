// Pure helpers for reading phone lists from uploaded files one line at a time, so an importer never
// needs the whole file in memory. One physical line is one record: phone lists have no reason to
// carry line breaks inside quoted fields.

/** Longer lines are cut and reported, so a file without line breaks cannot fill the memory. */
export const MAX_LINE_LENGTH = 4096;

/** Header names that mark the phone column (compared lower-case, without accents and separators). */
export const PHONE_HEADER_NAMES: ReadonlySet<string> = new Set([
  'phone',
  'phonenumber',
  'phones',
  'mobile',
  'mobilephone',
  'msisdn',
  'tel',
  'telephone',
  'sodienthoai',
  'dienthoai',
  'sdt',
]);

export type LineSink = (line: string, tooLong: boolean) => void;

export type LineSplitter = {
  /** Feeds decoded text; calls `onLine` for every line it completes. */
  push(text: string, onLine: LineSink): void;
  /** Flushes the last line when the file does not end with a line break. */
  end(onLine: LineSink): void;
};

/** Splits text chunks into lines (LF or CRLF), carrying a partial line over to the next chunk. */
export function createLineSplitter(maxLineLength = MAX_LINE_LENGTH): LineSplitter {
  let rest = '';
  // Set while skipping the remainder of an over-long line until its line break.
  let skipping = false;

  const emit = (line: string, onLine: LineSink) => {
    const trimmed = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    onLine(trimmed, false);
  };

  return {
    push(text, onLine) {
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        if (skipping) skipping = false;
        else if (rest.length > 0) {
          emit(rest + text.slice(start, newline), onLine);
          rest = '';
        } else emit(text.slice(start, newline), onLine);
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      if (skipping || start === text.length) return;
      rest += text.slice(start);
      if (rest.length > maxLineLength) {
        onLine(rest.slice(0, 64), true);
        rest = '';
        skipping = true;
      }
    },
    end(onLine) {
      if (!skipping && rest.length > 0) emit(rest, onLine);
      rest = '';
      skipping = false;
    },
  };
}

export type PhoneColumn = {
  /** Field separator; null for a plain list with one number per line. */
  delimiter: string | null;
  /** 0-based index of the phone field. */
  index: number;
  /** Whether the first line is a header (and so not a number). */
  hasHeader: boolean;
};

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Reads the first line of a file: which separator it uses, whether it is a header and which
 * column holds the numbers (a column named like "phone", else the first one).
 */
export function detectPhoneColumn(firstLine: string): PhoneColumn {
  const line = stripBom(firstLine);
  const delimiter = detectDelimiter(line);
  const fields = delimiter === null ? [line] : splitCsvLine(line, delimiter);
  const named = fields.findIndex((field) => PHONE_HEADER_NAMES.has(headerKey(field)));
  if (named !== -1) return { delimiter, index: named, hasHeader: true };
  // A first field without a single digit cannot be a phone number: it is a header of other names.
  const hasHeader = !/\d/.test(fields[0] ?? '');
  return { delimiter, index: 0, hasHeader };
}

/** The field at `index` of one CSV line ('' when the line is shorter), unquoted. */
export function fieldAt(line: string, column: PhoneColumn): string {
  // One column: only quotes to take off (spreadsheets quote numbers they keep as text).
  if (column.delimiter === null) return line.indexOf('"') === -1 ? line : (splitCsvLine(line, '\n')[0] as string);
  if (line.indexOf('"') === -1) {
    let start = 0;
    for (let i = 0; i < column.index; i++) {
      const next = line.indexOf(column.delimiter, start);
      if (next === -1) return '';
      start = next + column.delimiter.length;
    }
    const end = line.indexOf(column.delimiter, start);
    return end === -1 ? line.slice(start) : line.slice(start, end);
  }
  return splitCsvLine(line, column.delimiter)[column.index] ?? '';
}

/** RFC 4180 fields of one line: quoted fields may hold the separator and doubled quotes. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function detectDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = splitCsvLine(line, delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

// "Số điện thoại" -> "sodienthoai", "Phone_Number" -> "phonenumber".
function headerKey(field: string): string {
  return field
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * One CSV field for a file people open in a spreadsheet: quoted when needed, and text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' unless it is a number.
 */
export function csvField(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d ().-]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
