// Logs and returned messages never carry full phone numbers, the API key or the token.

/** Keeps the last 3 digits: 0395187319 -> *******319. */
export function maskPhone(phone: string): string {
  return phone.length <= 3 ? '***' : `${'*'.repeat(phone.length - 3)}${phone.slice(-3)}`;
}

/** Masks every run of 7+ digits (anything that could be a phone number) inside free text. */
export function redactDigits(text: string): string {
  return text.replace(/\+?\d{7,}/g, (m) => maskPhone(m));
}

/** A few masked numbers for log context, never the whole list. */
export function phoneSample(phones: readonly string[], size = 3): string[] {
  return phones.slice(0, size).map(maskPhone);
}
