import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { addCallingTime, allowedSpan, callWindowsSchema, isCallAllowed, nextAllowedSlot, nextAllowedTime, skipDatesSchema, timeZoneSchema, type CallCalendar } from './call-window.ts';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number | null, zone: string) => (ms === null ? null : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));

const office = {
  mon: [['08:00', '12:00'], ['13:30', '20:00']],
  tue: [['08:00', '12:00'], ['13:30', '20:00']],
  wed: [['08:00', '12:00'], ['13:30', '20:00']],
  thu: [['08:00', '12:00'], ['13:30', '20:00']],
  fri: [['08:00', '12:00'], ['13:30', '20:00']],
  sat: [['09:00', '11:00']],
} satisfies CallCalendar['windows'];

describe('nextAllowedTime in Asia/Ho_Chi_Minh', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const calendar: CallCalendar = { timeZone: zone, windows: office, skipDates: [] };

  it('keeps a time inside a window', () => {
    const t = at('2026-03-02T09:15:00', zone); // Monday
    expect(nextAllowedTime(t, calendar)).toBe(t);
    expect(isCallAllowed(t, calendar)).toBe(true);
  });

  it('moves a time in the lunch break to the afternoon opening, and the window end is exclusive', () => {
    expect(local(nextAllowedTime(at('2026-03-02T12:00:00', zone), calendar), zone)).toBe('2026-03-02T13:30:00+07:00');
    expect(local(nextAllowedTime(at('2026-03-02T12:45:10', zone), calendar), zone)).toBe('2026-03-02T13:30:00+07:00');
  });

  it('moves an evening time to the next morning, and Saturday night to Monday morning', () => {
    expect(local(nextAllowedTime(at('2026-03-02T20:00:00', zone), calendar), zone)).toBe('2026-03-03T08:00:00+07:00');
    expect(local(nextAllowedTime(at('2026-03-07T11:30:00', zone), calendar), zone)).toBe('2026-03-09T08:00:00+07:00');
  });

  it('skips listed dates, several in a row', () => {
    const holidays: CallCalendar = { ...calendar, skipDates: ['2026-03-03', '2026-03-04'] };
    expect(local(nextAllowedTime(at('2026-03-02T21:00:00', zone), holidays), zone)).toBe('2026-03-05T08:00:00+07:00');
  });

  it('with no windows allows any time except skipped dates', () => {
    const anyTime: CallCalendar = { timeZone: zone, windows: null, skipDates: ['2026-03-03'] };
    const t = at('2026-03-02T23:59:00', zone);
    expect(nextAllowedTime(t, anyTime)).toBe(t);
    expect(local(nextAllowedTime(at('2026-03-03T10:00:00', zone), anyTime), zone)).toBe('2026-03-04T00:00:00+07:00');
  });

  it('reads windows in the campaign zone, not UTC', () => {
    // 01:30 UTC Monday is 08:30 in Ho Chi Minh City: inside the morning window.
    const t = Date.UTC(2026, 2, 2, 1, 30);
    expect(nextAllowedTime(t, calendar)).toBe(t);
  });

  it('returns null when nothing is ever allowed', () => {
    expect(nextAllowedTime(0, { timeZone: zone, windows: {}, skipDates: [] })).toBeNull();
  });
});

describe('nextAllowedTime across DST changes', () => {
  it('Europe/Berlin spring forward (2026-03-29): the 08:00 opening is 06:00 UTC, not 07:00', () => {
    const zone = 'Europe/Berlin';
    const calendar: CallCalendar = { timeZone: zone, windows: { sun: [['08:00', '12:00']], mon: [['08:00', '12:00']] }, skipDates: [] };
    const saturdayNight = Date.UTC(2026, 2, 28, 22, 0); // 23:00 CET
    expect(nextAllowedTime(saturdayNight, calendar)).toBe(Date.UTC(2026, 2, 29, 6, 0));
    // The day before, 08:00 CET was 07:00 UTC.
    const calendarSat: CallCalendar = { ...calendar, windows: { sat: [['08:00', '12:00']] } };
    expect(nextAllowedTime(Date.UTC(2026, 2, 28, 0, 0), calendarSat)).toBe(Date.UTC(2026, 2, 28, 7, 0));
  });

  it('Europe/Berlin: a window opening inside the skipped hour opens when the gap ends', () => {
    const zone = 'Europe/Berlin';
    const calendar: CallCalendar = { timeZone: zone, windows: { sun: [['02:00', '04:00']] }, skipDates: [] };
    // 02:00 local does not exist on 2026-03-29; the clock jumps from 02:00 CET to 03:00 CEST (01:00 UTC).
    expect(nextAllowedTime(Date.UTC(2026, 2, 28, 23, 0), calendar)).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });

  it('America/New_York fall back (2026-11-01): the day is 25 hours long and 08:00 is 13:00 UTC', () => {
    const zone = 'America/New_York';
    const calendar: CallCalendar = { timeZone: zone, windows: { sun: [['08:00', '20:00']], sat: [['08:00', '20:00']] }, skipDates: [] };
    expect(nextAllowedTime(Date.UTC(2026, 10, 1, 4, 0), calendar)).toBe(Date.UTC(2026, 10, 1, 13, 0));
    // Saturday (EDT) opens at 12:00 UTC.
    expect(nextAllowedTime(Date.UTC(2026, 9, 31, 4, 0), calendar)).toBe(Date.UTC(2026, 9, 31, 12, 0));
    // Sunday 20:00 EST closes at 01:00 UTC Monday; the next opening is Saturday 08:00 EST.
    expect(local(nextAllowedTime(Date.UTC(2026, 10, 2, 1, 0), calendar), zone)).toBe('2026-11-07T08:00:00-05:00');
  });

  it('America/New_York spring forward (2026-03-08): a 00:00-24:00 day is 23 hours', () => {
    const zone = 'America/New_York';
    const calendar: CallCalendar = { timeZone: zone, windows: { sun: [['00:00', '24:00']] }, skipDates: [] };
    const lastMinute = Date.UTC(2026, 2, 9, 3, 59); // 23:59 EDT Sunday
    expect(nextAllowedTime(lastMinute, calendar)).toBe(lastMinute);
    expect(local(nextAllowedTime(Date.UTC(2026, 2, 9, 4, 0), calendar), zone)).toBe('2026-03-15T00:00:00-04:00');
  });
});

describe('call window schemas', () => {
  it('accepts windows per weekday and refuses bad ones', () => {
    expect(callWindowsSchema.safeParse(office).success).toBe(true);
    expect(callWindowsSchema.safeParse({ mon: [['12:00', '08:00']] }).success).toBe(false);
    expect(callWindowsSchema.safeParse({ mon: [['8:00', '12:00']] }).success).toBe(false);
    expect(callWindowsSchema.safeParse({ mon: [['08:00', '24:00']] }).success).toBe(true);
    expect(callWindowsSchema.safeParse({ monday: [['08:00', '12:00']] }).success).toBe(false);
    expect(callWindowsSchema.safeParse({}).success).toBe(false);
  });

  it('accepts IANA zones and calendar dates only', () => {
    expect(timeZoneSchema.safeParse('Asia/Ho_Chi_Minh').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
    expect(skipDatesSchema.safeParse(['2026-09-02']).success).toBe(true);
    expect(skipDatesSchema.safeParse(['2026-02-30']).success).toBe(false);
    expect(skipDatesSchema.safeParse(['02/09/2026']).success).toBe(false);
  });
});

describe('nextAllowedSlot', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const calendar: CallCalendar = { timeZone: zone, windows: { mon: [['08:00', '12:00'], ['13:30', '20:00']] }, skipDates: [] };
  // Grid anchored at 07:59:50 local with 30 s slots: 07:59:50, 08:00:20, ...
  const sendTimeMs = at('2026-03-02T07:59:50', zone);
  const plan = { sendTimeMs, durationSec: 30, lastSlotIndex: -1, dueAtMs: sendTimeMs };

  it('moves a slot before the opening to the first grid slot at or after it', () => {
    const slot = nextAllowedSlot({ ...plan, nowMs: sendTimeMs }, calendar);
    expect(slot).toEqual({ index: 1, atMs: at('2026-03-02T08:00:20', zone) });
  });

  it('does not send a slot that started before the opening even when now is inside the window', () => {
    const slot = nextAllowedSlot({ ...plan, nowMs: at('2026-03-02T08:00:05', zone) }, calendar);
    expect(slot?.atMs).toBe(at('2026-03-02T08:00:20', zone));
  });

  it('sends a slot in progress inside the window at once', () => {
    const nowMs = at('2026-03-02T09:00:00', zone);
    const slot = nextAllowedSlot({ ...plan, lastSlotIndex: 3, nowMs }, calendar);
    expect(slot!.atMs).toBeLessThanOrEqual(nowMs);
  });

  it('moves a retry due in the lunch break to the afternoon, and evening ones to next week', () => {
    const lunch = nextAllowedSlot({ ...plan, lastSlotIndex: 10, dueAtMs: at('2026-03-02T12:10:00', zone), nowMs: at('2026-03-02T12:10:00', zone) }, calendar);
    expect(local(lunch!.atMs, zone)).toBe('2026-03-02T13:30:20+07:00');
    const evening = nextAllowedSlot({ ...plan, lastSlotIndex: 10, dueAtMs: at('2026-03-02T20:00:00', zone), nowMs: at('2026-03-02T19:00:00', zone) }, calendar);
    expect(local(evening!.atMs, zone)).toBe('2026-03-09T08:00:20+07:00');
  });

  it('with durationOfEachCall 0 goes out exactly at the opening', () => {
    const slot = nextAllowedSlot({ ...plan, durationSec: 0, nowMs: sendTimeMs }, calendar);
    expect(slot?.atMs).toBe(at('2026-03-02T08:00:00', zone));
  });
});

describe('allowedSpan', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const calendar: CallCalendar = { timeZone: zone, windows: office, skipDates: ['2026-03-03'] };
  const span = (iso: string, c = calendar) => {
    const s = allowedSpan(at(iso, zone), c);
    return s && [local(s.fromMs, zone), s.toMs === Infinity ? 'open' : local(s.toMs, zone)];
  };

  it('gives the window holding a time, or the next one, up to its close', () => {
    expect(span('2026-03-02T09:15:00')).toEqual(['2026-03-02T09:15:00+07:00', '2026-03-02T12:00:00+07:00']);
    expect(span('2026-03-02T12:00:00')).toEqual(['2026-03-02T13:30:00+07:00', '2026-03-02T20:00:00+07:00']);
    expect(span('2026-03-02T20:30:00')).toEqual(['2026-03-04T08:00:00+07:00', '2026-03-04T12:00:00+07:00']);
  });

  it('is open-ended with no windows and no skipped dates, a day long with skipped dates only', () => {
    expect(span('2026-03-02T09:15:00', { timeZone: zone, windows: null, skipDates: [] })).toEqual(['2026-03-02T09:15:00+07:00', 'open']);
    expect(span('2026-03-02T09:15:00', { timeZone: zone, windows: null, skipDates: ['2026-03-03'] })).toEqual([
      '2026-03-02T09:15:00+07:00',
      '2026-03-03T00:00:00+07:00',
    ]);
  });

  it('closes a window at its local end on a DST change day (Europe/Berlin, 2026-03-29)', () => {
    const berlin: CallCalendar = { timeZone: 'Europe/Berlin', windows: { sun: [['01:00', '04:00']] }, skipDates: [] };
    // 01:00 CET is 00:00 UTC; 04:00 CEST is 02:00 UTC: a two-hour window that day.
    expect(allowedSpan(Date.UTC(2026, 2, 28, 12, 0), berlin)).toEqual({ fromMs: Date.UTC(2026, 2, 29, 0, 0), toMs: Date.UTC(2026, 2, 29, 2, 0) });
  });

  it('is null when nothing is ever allowed', () => {
    expect(allowedSpan(0, { timeZone: zone, windows: {}, skipDates: [] })).toBeNull();
  });
});

describe('addCallingTime', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const calendar: CallCalendar = { timeZone: zone, windows: office, skipDates: [] };
  const HOUR = 3_600_000;

  it('counts only time inside the windows, across the lunch break, the night and skipped days', () => {
    // Monday 2026-03-02 11:00: one hour to noon, then from 13:30.
    expect(local(addCallingTime(at('2026-03-02T11:00:00', zone), 2 * HOUR, calendar), zone)).toBe('2026-03-02T14:30:00+07:00');
    // 19:30: half an hour on Monday, the rest from Tuesday 08:00.
    expect(local(addCallingTime(at('2026-03-02T19:30:00', zone), HOUR, calendar), zone)).toBe('2026-03-03T08:30:00+07:00');
    // Starting outside a window starts at the next opening; Tuesday and Wednesday are skipped.
    const holidays = { ...calendar, skipDates: ['2026-03-03', '2026-03-04'] };
    expect(local(addCallingTime(at('2026-03-02T21:00:00', zone), HOUR, holidays), zone)).toBe('2026-03-05T09:00:00+07:00');
    // Saturday 09:00-11:00 only, no Sunday: three hours from Saturday 10:00 ends Monday 10:00.
    expect(local(addCallingTime(at('2026-03-07T10:00:00', zone), 3 * HOUR, calendar), zone)).toBe('2026-03-09T10:00:00+07:00');
  });

  it('joins windows that touch at midnight, keeps local hours across DST, and is plain addition with no windows', () => {
    // With no calling time to add: the first allowed time.
    expect(local(addCallingTime(at('2026-03-02T12:15:00', zone), 0, calendar), zone)).toBe('2026-03-02T13:30:00+07:00');
    expect(addCallingTime(at('2026-03-02T09:00:00', zone), 0, calendar)).toBe(at('2026-03-02T09:00:00', zone));
    const nights: CallCalendar = { timeZone: 'Europe/Berlin', windows: { sat: [['22:00', '24:00']], sun: [['00:00', '02:00']] }, skipDates: [] };
    // Four real hours from Saturday 22:00 fill both windows. Berlin springs forward on Sunday
    // 2026-03-29 at 02:00, the instant the window closes, so the clock then reads 03:00.
    expect(local(addCallingTime(at('2026-03-28T22:00:00', 'Europe/Berlin'), 4 * HOUR, nights), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
    // One more minute does not fit: the next opening is Saturday 22:00 a week later (summer time).
    expect(local(addCallingTime(at('2026-03-28T22:00:00', 'Europe/Berlin'), 4 * HOUR + 60_000, nights), 'Europe/Berlin')).toBe('2026-04-04T22:01:00+02:00');
    const anyTime: CallCalendar = { timeZone: zone, windows: null, skipDates: [] };
    expect(addCallingTime(1_000, 5_000, anyTime)).toBe(6_000);
  });

  it('extrapolates at the open share after maxDays, so months of slots stay cheap', () => {
    const daily: CallCalendar = { timeZone: 'UTC', windows: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '14:00']]])), skipDates: [] };
    const start = Date.UTC(2026, 0, 1, 8);
    // Six hours a day: 60 days of calling time take 240 days, walked or extrapolated.
    const walked = addCallingTime(start, 60 * 24 * HOUR, daily, 400);
    expect(walked).toBe(start + 239 * 24 * HOUR + 6 * HOUR);
    const extrapolated = addCallingTime(start, 60 * 24 * HOUR, daily, 10)!;
    expect(Math.abs(extrapolated - walked!)).toBeLessThanOrEqual(24 * HOUR);
  });
});
