/**
 * A shortcut for the shapes that make up nearly every row of a real import:
 * a Vietnamese mobile number written as 0xxxxxxxxx, 84xxxxxxxxx, +84xxxxxxxxx
 * or with its leading zero lost to a spreadsheet (xxxxxxxxx), optionally with
 * spaces, dots or dashes between digits. libphonenumber-js needs ~6 µs per
 * number; this needs a fraction of that, which matters for million-row lists.
 *
 * It only ever says "yes, and here is the national number"; anything it is not
 * certain about (unknown prefix, other shapes) goes to the library. The pattern
 * below is the VN mobile pattern of libphonenumber-js's max metadata minus its
 * 1xx branches; phone-fast-path.test.ts compares this path with the library on
 * every 3-digit prefix, so a metadata update that adds a prefix fails the test
 * instead of silently diverging.
 */
const VN_MOBILE_NATIONAL =
  /^(?:(?:3\d|7[06-9])\d|5(?:[1689]\d|2[238]|59)|8(?:[1-8]\d|9[6-9])|9(?:[0-8]\d|9[013-9]))\d{6}$/;

const PLAIN = /^\+?\d+$/;
const WITH_SEPARATORS = /^ *\+?\d[\d .-]*\d *$/;
const SEPARATORS = /[ .-]/g;

/** Returns the 9-digit national significant number, or undefined to defer to the library. */
export function vnMobileFastPath(text: string): string | undefined {
  let s = text;
  if (!PLAIN.test(s)) {
    if (!WITH_SEPARATORS.test(s)) return undefined;
    s = s.replace(SEPARATORS, '');
  }
  let nsn: string;
  if (s.charCodeAt(0) === 43 /* + */) {
    if (s.length !== 12 || !s.startsWith('+84')) return undefined;
    nsn = s.slice(3);
  } else if (s.length === 10 && s.charCodeAt(0) === 48 /* 0 */) {
    nsn = s.slice(1);
  } else if (s.length === 11 && s.startsWith('84')) {
    nsn = s.slice(2);
  } else if (s.length === 9) {
    nsn = s;
  } else {
    return undefined;
  }
  return VN_MOBILE_NATIONAL.test(nsn) ? nsn : undefined;
}
