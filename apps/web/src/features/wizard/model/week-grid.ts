import { WEEKDAYS, type CallWindows, type TimeRange, type Weekday } from '@autocall/domain/schemas';

// The week grid edits the API's `callWindows` (ranges of local "HH:MM" per weekday) one hour at a
// time. Windows that do not fall on the hour (a campaign created through the API) are kept exactly
// until the user changes that hour; such an hour shows as partly allowed.
export type HourState = 'allowed' | 'partial' | 'blocked';
type Span = [number, number];

const DAY_MINUTES = 24 * 60;
const FULL_DAY: TimeRange[] = [['00:00', '24:00']];

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function spansOf(windows: CallWindows | null, day: Weekday): Span[] {
  const ranges = windows === null ? FULL_DAY : (windows[day] ?? []);
  return merge(ranges.map(([from, to]) => [toMinutes(from), toMinutes(to)] as Span));
}

function merge(spans: Span[]): Span[] {
  const sorted = spans.filter(([from, to]) => to > from).toSorted((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function without(spans: Span[], [cutFrom, cutTo]: Span): Span[] {
  return spans.flatMap(([from, to]): Span[] => {
    if (to <= cutFrom || from >= cutTo) return [[from, to]];
    return [
      [from, Math.min(to, cutFrom)],
      [Math.max(from, cutTo), to],
    ].filter(([a, b]) => b! > a!) as Span[];
  });
}

/** Whether calling is allowed in hour `hour` (0-23) of `day`. */
export function hourState(windows: CallWindows | null, day: Weekday, hour: number): HourState {
  const [start, end] = [hour * 60, hour * 60 + 60];
  let covered = 0;
  for (const [from, to] of spansOf(windows, day)) covered += Math.max(0, Math.min(to, end) - Math.max(from, start));
  return covered === 60 ? 'allowed' : covered === 0 ? 'blocked' : 'partial';
}

/**
 * The windows with the given hours of `day` allowed or not. null stands for "any time" and comes
 * back when every hour of the week is allowed; an empty week is `{}` (the API refuses it, and says so).
 */
export function setHours(windows: CallWindows | null, day: Weekday, hours: readonly number[], allowed: boolean): CallWindows | null {
  const next: CallWindows = {};
  for (const d of WEEKDAYS) {
    let spans = spansOf(windows, d);
    if (d === day) {
      for (const hour of hours) {
        const span: Span = [hour * 60, hour * 60 + 60];
        spans = allowed ? merge([...spans, span]) : without(spans, span);
      }
    }
    if (spans.length > 0) next[d] = spans.map(([from, to]) => [toHhmm(from), toHhmm(to)] as TimeRange);
  }
  const anyTime = WEEKDAYS.every((d) => next[d]?.length === 1 && next[d]![0]![0] === '00:00' && next[d]![0]![1] === '24:00');
  return anyTime ? null : next;
}

/** Allowed hours, the same every listed day (a preset such as weekdays 08:00-17:00). */
export function weeklyWindows(days: readonly Weekday[], fromHour: number, toHour: number): CallWindows {
  return Object.fromEntries(days.map((day) => [day, [[toHhmm(fromHour * 60), toHhmm(Math.min(toHour * 60, DAY_MINUTES))]]]));
}
