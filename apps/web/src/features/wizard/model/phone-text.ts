// The paste box: one number per line or comma separated (semicolons too, as spreadsheets export
// them). Blank entries are dropped; everything else goes to the API, which says what is invalid.
export function splitPhoneText(text: string): string[] {
  return phoneEntries(text).map((entry) => entry.value);
}

/** The entries with the line of the paste box each is on (1-based), to point at an invalid one. */
export function phoneEntries(text: string): { value: string; line: number }[] {
  const out: { value: string; line: number }[] = [];
  text.split(/\r\n|\r|\n/).forEach((row, index) => {
    for (const part of row.split(/[,;]/)) {
      const value = part.trim();
      if (value) out.push({ value, line: index + 1 });
    }
  });
  return out;
}

// A short stable fingerprint of a (possibly large) text, for query keys: hashing 100,000 numbers
// in the key itself on every render would cost more than the request.
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

export const fileFingerprint = (file: File) => `${file.name}:${file.size}:${file.lastModified}`;
