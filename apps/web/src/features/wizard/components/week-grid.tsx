import { Info } from 'luxon';
import { useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type CallWindows, type Weekday } from '@autocall/domain/schemas';
import { cn } from '@/lib/utils.ts';
import { hourState, setHours, type HourState } from '../model/week-grid.ts';
import { useMediaQuery } from '../use-media-query.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
type Cell = { day: number; hour: number };

type WeekGridProps = {
  value: CallWindows | null;
  onChange: (next: CallWindows | null) => void;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
};

// Calling hours of a week, one cell per weekday and hour. Click a cell, or drag across cells with a
// mouse, to turn hours on or off; the keyboard moves with the arrow keys and toggles with Space or
// Enter (one tab stop for the whole grid). Days are rows on a wide screen and columns on a phone.
export function WeekGrid({ value, onChange, labelledBy, describedBy, invalid }: WeekGridProps) {
  const { t, i18n } = useTranslation('wizard');
  const wide = useMediaQuery('(min-width: 640px)');
  const dayNames = Info.weekdays('long', { locale: i18n.language });
  const dayShort = Info.weekdays('short', { locale: i18n.language });
  const [focus, setFocus] = useState<Cell>({ day: 0, hour: 8 });
  const cells = useRef(new Map<string, HTMLDivElement>());
  // Drag events can come faster than renders: changes chain on the latest windows, not the prop.
  const latest = useRef(value);
  latest.current = value;
  const paint = useRef<boolean | null>(null);

  const apply = (cell: Cell, allowed: boolean) => {
    const next = setHours(latest.current, WEEKDAYS[cell.day] as Weekday, [cell.hour], allowed);
    latest.current = next;
    onChange(next);
  };
  const toggle = (cell: Cell) => apply(cell, hourState(latest.current, WEEKDAYS[cell.day] as Weekday, cell.hour) !== 'allowed');

  const moveTo = (cell: Cell) => {
    setFocus(cell);
    cells.current.get(`${cell.day}-${cell.hour}`)?.focus();
  };

  const onPointerDown = (cell: Cell) => (event: ReactPointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    setFocus(cell);
    cells.current.get(`${cell.day}-${cell.hour}`)?.focus();
    const allowed = hourState(latest.current, WEEKDAYS[cell.day] as Weekday, cell.hour) !== 'allowed';
    apply(cell, allowed);
    // A touch keeps the page scrolling: only a mouse or pen paints across cells.
    if (event.pointerType === 'touch') return;
    paint.current = allowed;
    const stop = () => {
      paint.current = null;
      window.removeEventListener('pointerup', stop);
      window.removeEventListener('pointercancel', stop);
    };
    window.addEventListener('pointerup', stop);
    window.addEventListener('pointercancel', stop);
  };
  const onPointerEnter = (cell: Cell) => () => {
    if (paint.current !== null) apply(cell, paint.current);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const { day, hour } = focus;
    // Arrow keys follow the screen: across hours on a wide screen, across days on a phone.
    const moves: Record<string, Cell> = wide
      ? {
          ArrowRight: { day, hour: Math.min(23, hour + 1) },
          ArrowLeft: { day, hour: Math.max(0, hour - 1) },
          ArrowDown: { day: Math.min(6, day + 1), hour },
          ArrowUp: { day: Math.max(0, day - 1), hour },
          Home: { day, hour: 0 },
          End: { day, hour: 23 },
        }
      : {
          ArrowRight: { day: Math.min(6, day + 1), hour },
          ArrowLeft: { day: Math.max(0, day - 1), hour },
          ArrowDown: { day, hour: Math.min(23, hour + 1) },
          ArrowUp: { day, hour: Math.max(0, hour - 1) },
          Home: { day: 0, hour },
          End: { day: 6, hour },
        };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggle(focus);
    }
  };

  const stateText: Record<HourState, string> = { allowed: t('grid.allowed'), partial: t('grid.partial'), blocked: t('grid.blocked') };
  const renderCell = (cell: Cell) => {
    const state = hourState(value, WEEKDAYS[cell.day] as Weekday, cell.hour);
    const focused = focus.day === cell.day && focus.hour === cell.hour;
    return (
      <div
        key={`${cell.day}-${cell.hour}`}
        ref={(node) => {
          if (node) cells.current.set(`${cell.day}-${cell.hour}`, node);
          else cells.current.delete(`${cell.day}-${cell.hour}`);
        }}
        role="gridcell"
        tabIndex={focused ? 0 : -1}
        aria-label={t('grid.cell', { day: dayNames[cell.day], from: hh(cell.hour), to: hh(cell.hour + 1), state: stateText[state] })}
        data-state={state}
        onPointerDown={onPointerDown(cell)}
        onPointerEnter={onPointerEnter(cell)}
        // Screen readers in browse mode activate with a click event of their own (no pointer).
        onClick={(event) => event.detail === 0 && toggle(cell)}
        onFocus={() => setFocus(cell)}
        className={cn(
          'h-7 min-w-0 cursor-pointer select-none rounded-[3px] border border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 sm:h-8',
          state === 'allowed' && 'bg-primary hover:bg-primary/85',
          state === 'partial' && 'bg-primary/45 hover:bg-primary/60',
          state === 'blocked' && 'border-border bg-muted hover:bg-accent',
        )}
      />
    );
  };

  const columns = wide ? 'grid-cols-[3.25rem_repeat(24,minmax(0,1fr))]' : 'grid-cols-[3.25rem_repeat(7,minmax(0,1fr))]';
  const headerClass = 'truncate text-center text-[0.7rem] font-medium text-muted-foreground';
  return (
    <div
      role="grid"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onKeyDown={onKeyDown}
      className={cn('grid touch-manipulation gap-0.5 rounded-lg border bg-card p-2', invalid && 'border-destructive')}
    >
      <div role="row" className={cn('grid gap-0.5', columns)}>
        <span role="columnheader">
          <span className="sr-only">{wide ? t('grid.day') : t('grid.hour')}</span>
        </span>
        {wide
          ? HOURS.map((hour) => (
              <span key={hour} role="columnheader" aria-label={hh(hour)} className={headerClass}>
                {hour}
              </span>
            ))
          : dayShort.map((name, day) => (
              <span key={name} role="columnheader" aria-label={dayNames[day]} className={headerClass}>
                {name}
              </span>
            ))}
      </div>
      {wide
        ? WEEKDAYS.map((_, day) => (
            <div key={day} role="row" className={cn('grid items-center gap-0.5', columns)}>
              <span role="rowheader" aria-label={dayNames[day]} className="truncate pr-1 text-xs font-medium">
                {dayShort[day]}
              </span>
              {HOURS.map((hour) => renderCell({ day, hour }))}
            </div>
          ))
        : HOURS.map((hour) => (
            <div key={hour} role="row" className={cn('grid items-center gap-0.5', columns)}>
              <span role="rowheader" className="pr-1 text-xs tabular-nums text-muted-foreground">
                {hh(hour)}
              </span>
              {WEEKDAYS.map((_, day) => renderCell({ day, hour }))}
            </div>
          ))}
    </div>
  );
}
