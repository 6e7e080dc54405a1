import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { nextSlot, type NextSlotInput, type Slot } from './slots.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local [start, end) times, "HH:MM"; end may be "24:00" (midnight at the end of the day). */
export type TimeRange = [string, string];
/** Allowed calling times per weekday. A weekday left out has no calling at all. */
export type CallWindows = Partial<Record<Weekday, TimeRange[]>>;

export type CallCalendar = {
  /** IANA zone the windows and skip dates are read in. */
  timeZone: string;
  /** null: any time of day. */
  windows: CallWindows | null;
  /** Local dates ("YYYY-MM-DD") with no calling at all. */
  skipDates: readonly string[];
};

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const timeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'Not a known IANA time zone (for example "Asia/Ho_Chi_Minh").' })
  .describe('IANA time zone the call windows and skip dates are read in; default Asia/Ho_Chi_Minh.');

const timeRangeSchema = z
  .tuple([z.string().regex(HHMM, 'Use HH:MM (00:00 to 23:59).'), z.string().regex(HHMM, 'Use HH:MM (00:00 to 24:00).')])
  .refine(([start, end]) => start < end && start !== '24:00', { message: 'A window must start before it ends.' })
  .describe('One window, ["HH:MM", "HH:MM"], local start (inclusive) and end (exclusive).');

export const callWindowsSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(timeRangeSchema).max(24).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof timeRangeSchema>>>)
  .strict()
  .refine((windows) => WEEKDAYS.some((day) => (windows[day]?.length ?? 0) > 0), {
    message: 'Give at least one window, or null to allow any time.',
  })
  .describe(
    'Allowed calling windows per weekday (mon..sun) in the campaign time zone, e.g. ' +
      '{"mon": [["08:00","12:00"],["13:30","20:00"]]}. A weekday left out has no calling; null allows any time.',
  );

export const skipDatesSchema = z
  .array(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
      .refine((date) => DateTime.fromISO(date, { zone: 'utc' }).isValid, { message: 'Not a calendar date.' }),
  )
  .max(1000)
  .describe('Local dates (YYYY-MM-DD) on which nobody is called, e.g. public holidays.');

const ANY_TIME: TimeRange[] = [['00:00', '24:00']];

/**
 * The earliest instant at or after `atMs` when calling is allowed: `atMs` itself when it falls
 * inside a window on a day that is not skipped, else the next window opening. Windows are local
 * wall-clock times, so a window keeps its local hours across DST changes; an opening time the
 * clock skips (spring forward) moves forward by the gap, as luxon does (02:30 becomes 03:30).
 * null when no time is ever allowed.
 */
export function nextAllowedTime(atMs: number, calendar: CallCalendar): number | null {
  const skipped = new Set(calendar.skipDates);
  if (calendar.windows === null && skipped.size === 0) return atMs;
  const start = DateTime.fromMillis(atMs, { zone: calendar.timeZone });
  if (!start.isValid) throw new RangeError(`Unknown time zone ${calendar.timeZone}`);
  // Every skipped date could be consecutive; beyond that a week covers every weekday.
  const horizonDays = skipped.size + 8;
  for (let offset = 0; offset <= horizonDays; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    if (skipped.has(day.toISODate()!)) continue;
    const ranges = calendar.windows === null ? ANY_TIME : (calendar.windows[WEEKDAYS[day.weekday - 1]!] ?? []);
    for (const [from, to] of [...ranges].sort((a, b) => a[0].localeCompare(b[0]))) {
      const opensMs = localTime(day, from);
      const closesMs = localTime(day, to);
      if (atMs < opensMs) return opensMs;
      if (atMs < closesMs) return atMs;
    }
  }
  return null;
}

/**
 * The stretch of allowed calling time that holds `atMs`, or the next one: from nextAllowedTime
 * (exact, DST-correct) to the end of that window ([fromMs, toMs); toMs Infinity when every time is
 * allowed). Windows that touch are returned one at a time. null when no time is ever allowed.
 */
export function allowedSpan(atMs: number, calendar: CallCalendar): { fromMs: number; toMs: number } | null {
  const fromMs = nextAllowedTime(atMs, calendar);
  if (fromMs === null) return null;
  if (calendar.windows === null && calendar.skipDates.length === 0) return { fromMs, toMs: Infinity };
  const day = DateTime.fromMillis(fromMs, { zone: calendar.timeZone }).startOf('day');
  const ranges = calendar.windows === null ? ANY_TIME : (calendar.windows[WEEKDAYS[day.weekday - 1]!] ?? []);
  for (const [from, to] of [...ranges].sort((a, b) => a[0].localeCompare(b[0]))) {
    const closesMs = localTime(day, to);
    if (fromMs >= localTime(day, from) && fromMs < closesMs) return { fromMs, toMs: closesMs };
  }
  // Not reached: nextAllowedTime read the same windows, so one of them holds fromMs. A 1 ms span
  // keeps a caller that walks span by span moving.
  return { fromMs, toMs: fromMs + 1 };
}

/** True when calling is allowed at `atMs`. */
export function isCallAllowed(atMs: number, calendar: CallCalendar): boolean {
  return nextAllowedTime(atMs, calendar) === atMs;
}

/**
 * The next slot on the campaign grid (see nextSlot) that may be dialled: its grid time and the
 * time it would actually go out (now, for a slot already in progress) both fall inside the call
 * windows. A slot outside moves to the first grid slot at or after the next window opening, so a
 * campaign sleeps through closed hours and retries that fell due meanwhile wait with it.
 * null when no slot is ever allowed.
 */
export function nextAllowedSlot(input: NextSlotInput, calendar: CallCalendar): Slot | null {
  let dueAtMs = input.dueAtMs;
  // Each round moves dueAtMs strictly later; the bound only guards windows shorter than a slot.
  next: for (let round = 0; round < 1_000; round++) {
    const slot = nextSlot({ ...input, dueAtMs });
    const goesOutAt = input.nowMs > slot.atMs ? [slot.atMs, input.nowMs] : [slot.atMs];
    for (const t of goesOutAt) {
      const allowed = nextAllowedTime(t, calendar);
      if (allowed === null) return null;
      if (allowed !== t) {
        dueAtMs = allowed;
        continue next;
      }
    }
    return slot;
  }
  return null;
}

const DAY_MS = 86_400_000;

/**
 * When `callingMs` of calling time will have passed from `fromMs`, counting only time inside the
 * call windows; with 0, the first allowed time at or after `fromMs`. For estimates (a campaign
 * paces its slots only while it may call), so it trades exactness for speed: it walks local days
 * with plain arithmetic, each day read at the zone's offset at its midnight (on a DST change day a
 * window may be off by the change), and after `maxDays` days extrapolates at the share of open
 * time seen so far. nextAllowedTime is the exact rule. null when no time is allowed in `maxDays`.
 */
export function addCallingTime(fromMs: number, callingMs: number, calendar: CallCalendar, maxDays = 62): number | null {
  if (calendar.windows === null && calendar.skipDates.length === 0) return fromMs + callingMs;
  const zone = IANAZone.create(calendar.timeZone);
  const skipped = new Set(calendar.skipDates);
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  // Per weekday (Sunday first, as Date.getUTCDay counts), minutes after local midnight, in order.
  const ranges = [6, 0, 1, 2, 3, 4, 5].map((i) =>
    (calendar.windows === null ? ANY_TIME : (calendar.windows[WEEKDAYS[i]!] ?? []))
      .map(([from, to]) => [minutes(from), minutes(to)] as const)
      .toSorted((a, b) => a[0] - b[0]),
  );
  // The zone's offset at a local midnight; asked of the zone only when it changes within the walk
  // (a DST zone in season), since asking costs microseconds a day.
  const firstOffsetMs = zone.offset(fromMs) * 60_000;
  const fixed = zone.offset(fromMs + maxDays * DAY_MS) * 60_000 === firstOffsetMs;
  const offsetAt = (localDay: number) => (fixed ? firstOffsetMs : zone.offset(localDay - firstOffsetMs) * 60_000);
  let atMs = fromMs;
  let left = callingMs;
  // Local midnight of fromMs's day, as if local time were UTC (so Date's UTC getters read it).
  let localDay = Math.floor((fromMs + firstOffsetMs) / DAY_MS) * DAY_MS;
  const walkFromMs = localDay - firstOffsetMs;
  for (let day = 0; day < maxDays; day++, localDay += DAY_MS) {
    const local = new Date(localDay);
    if (skipped.size > 0 && skipped.has(local.toISOString().slice(0, 10))) continue;
    const offsetMs = offsetAt(localDay);
    for (const [from, to] of ranges[local.getUTCDay()]!) {
      const closesMs = localDay + to * 60_000 - offsetMs;
      if (atMs >= closesMs) continue;
      const startMs = Math.max(atMs, localDay + from * 60_000 - offsetMs);
      if (startMs + left <= closesMs) return startMs + left;
      left -= closesMs - startMs;
      atMs = closesMs;
    }
  }
  // The rest at the share of open time in the days walked (whole days, so closed nights count).
  const walkedToMs = localDay - offsetAt(localDay);
  const openShare = (callingMs - left) / (walkedToMs - walkFromMs);
  return openShare > 0 ? walkedToMs + left / openShare : null;
}

// Local "HH:MM" on `day` as epoch ms. Built from the calendar date (not by adding hours to
// midnight) so 08:00 stays 08:00 on a day that is 23 or 25 hours long.
function localTime(day: DateTime, hhmm: string): number {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: day.zone }).toMillis();
}
