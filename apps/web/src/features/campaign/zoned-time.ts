import { DateTime } from 'luxon';

// A time of day in the campaign's zone ("09:00:05"), for tables whose caption names the zone; the
// date is added when it is not the same day as `reference`.
export function formatZonedTime(ms: number, timeZone: string, locale: string, referenceMs?: number): string {
  const at = DateTime.fromMillis(ms, { zone: timeZone, locale });
  if (!at.isValid) return '—';
  const sameDay = referenceMs !== undefined && at.hasSame(DateTime.fromMillis(referenceMs, { zone: timeZone }), 'day');
  return sameDay ? at.toLocaleString(DateTime.TIME_WITH_SECONDS) : at.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS);
}
