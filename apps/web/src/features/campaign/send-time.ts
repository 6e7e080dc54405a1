import { DateTime } from 'luxon';

// A `datetime-local` value ("2030-06-12T09:00") read and written in the campaign's zone, never the
// browser's: the marketer schedules for the city the campaign calls.
export function toZonedInput(ms: number, timeZone: string): string {
  const at = DateTime.fromMillis(ms, { zone: timeZone });
  return at.isValid ? at.toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

export function fromZonedInput(value: string, timeZone: string): number | undefined {
  const at = DateTime.fromISO(value, { zone: timeZone });
  return at.isValid ? at.toMillis() : undefined;
}
