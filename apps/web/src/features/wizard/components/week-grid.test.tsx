import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { callWindowsSchema, type CallWindows } from '@autocall/domain/schemas';
import { createI18n } from '@/lib/i18n.ts';
import { I18nextProvider } from 'react-i18next';
import { WeekGrid } from './week-grid.tsx';

// The grid with its value kept by the test, as the form keeps it; `changes` sees every callWindows.
function renderGrid(initial: CallWindows | null) {
  const changes: (CallWindows | null)[] = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <>
        <h3 id="title">Call windows</h3>
        <WeekGrid
          value={value}
          labelledBy="title"
          onChange={(next) => {
            changes.push(next);
            setValue(next);
          }}
        />
      </>
    );
  }
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <Harness />
    </I18nextProvider>,
  );
  return { changes, user: userEvent.setup(), last: () => changes.at(-1) };
}

const cell = (name: string) => screen.getByRole('gridcell', { name });

describe('week grid', () => {
  it('names each cell with its day, hour and state, inside a named grid', () => {
    renderGrid({ mon: [['08:00', '12:00']] });
    expect(screen.getByRole('grid', { name: 'Call windows' })).toBeVisible();
    expect(cell('Monday 08:00–09:00, allowed')).toBeVisible();
    expect(cell('Monday 12:00–13:00, not allowed')).toBeVisible();
    expect(cell('Sunday 23:00–24:00, not allowed')).toBeVisible();
    expect(screen.getAllByRole('gridcell')).toHaveLength(7 * 24);
  });

  it('a click toggles one hour into the API’s callWindows', async () => {
    const { user, last } = renderGrid({ mon: [['08:00', '12:00']] });
    await user.click(cell('Monday 12:00–13:00, not allowed'));
    expect(last()).toEqual({ mon: [['08:00', '13:00']] });
    await user.click(cell('Monday 09:00–10:00, allowed'));
    expect(last()).toEqual({ mon: [['08:00', '09:00'], ['10:00', '13:00']] });
    expect(callWindowsSchema.safeParse(last()).success).toBe(true);
    expect(cell('Monday 09:00–10:00, not allowed')).toBeVisible();
  });

  it('a drag paints every hour it crosses the way the first cell went', async () => {
    const { user, last } = renderGrid({ tue: [['09:00', '10:00']] });
    await user.pointer([
      { keys: '[MouseLeft>]', target: cell('Tuesday 10:00–11:00, not allowed') },
      { target: cell('Tuesday 11:00–12:00, not allowed') },
      { target: cell('Tuesday 12:00–13:00, not allowed') },
      { target: cell('Tuesday 13:00–14:00, not allowed') },
      { keys: '[/MouseLeft]' },
    ]);
    expect(last()).toEqual({ tue: [['09:00', '14:00']] });
    // After the button is up, moving over cells changes nothing.
    await user.pointer({ target: cell('Tuesday 15:00–16:00, not allowed') });
    expect(last()).toEqual({ tue: [['09:00', '14:00']] });
  });

  it('starts from "any time" (null) and gives null back when every hour is allowed again', async () => {
    const { user, last } = renderGrid(null);
    await user.click(cell('Sunday 03:00–04:00, allowed'));
    expect(last()?.sun).toEqual([['00:00', '03:00'], ['04:00', '24:00']]);
    expect(last()?.mon).toEqual([['00:00', '24:00']]);
    await user.click(cell('Sunday 03:00–04:00, not allowed'));
    expect(last()).toBeNull();
  });

  it('is one tab stop; arrow keys move, Space and Enter toggle', async () => {
    const { user, last } = renderGrid({ wed: [['08:00', '17:00']] });
    await user.tab();
    // Focus starts on Monday 08:00.
    expect(document.activeElement).toBe(cell('Monday 08:00–09:00, not allowed'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    expect(document.activeElement).toBe(cell('Wednesday 09:00–10:00, allowed'));
    await user.keyboard(' ');
    expect(last()).toEqual({ wed: [['08:00', '09:00'], ['10:00', '17:00']] });
    await user.keyboard('{End}{Enter}');
    expect(last()).toEqual({ wed: [['08:00', '09:00'], ['10:00', '17:00'], ['23:00', '24:00']] });
    expect(screen.getAllByRole('gridcell').filter((c) => c.tabIndex === 0)).toHaveLength(1);
  });
});
