import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { Badge } from './badge.tsx';
import { Button } from './button.tsx';
import { ConfirmDialog } from './dialog.tsx';
import { currentCursor, nextTrail, Pagination, previousTrail } from './pagination.tsx';
import { Progress } from './progress.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table.tsx';

function renderUi(ui: ReactNode, language: 'en' | 'vi' = 'en') {
  const user = userEvent.setup();
  return { user, ...render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>) };
}

describe('ConfirmDialog', () => {
  it('names the effect, confirms on request, and gives focus back when dismissed', async () => {
    const onConfirm = vi.fn();
    const { user } = renderUi(
      <ConfirmDialog
        trigger={<Button>Pause</Button>}
        title="Pause this campaign?"
        description="No new batch is sent after now; calls already ringing finish."
        confirmLabel="Pause campaign"
        cancelLabel="Keep running"
        onConfirm={onConfirm}
      />,
    );
    const trigger = screen.getByRole('button', { name: 'Pause' });
    await user.click(trigger);
    const dialog = await screen.findByRole('alertdialog', { name: 'Pause this campaign?' });
    expect(dialog).toHaveAccessibleDescription('No new batch is sent after now; calls already ringing finish.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(trigger).toHaveFocus();

    await user.click(trigger);
    await user.click(await screen.findByRole('button', { name: 'Pause campaign' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('Progress', () => {
  it('is a named progressbar with its value', () => {
    renderUi(<Progress value={120} max={500} label="120 of 500 numbers final" />);
    const bar = screen.getByRole('progressbar', { name: '120 of 500 numbers final' });
    expect(bar).toHaveAttribute('aria-valuenow', '120');
    expect(bar).toHaveAttribute('aria-valuemax', '500');
    expect(bar).toHaveAttribute('aria-valuetext', '120 of 500 numbers final');
  });

  it('copes with an empty total', () => {
    renderUi(<Progress value={0} max={0} label="0 of 0 numbers final" />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '1');
  });
});

describe('Pagination', () => {
  it('offers Previous and Next in the page language, disabled at the ends', async () => {
    const onNext = vi.fn();
    const { user } = renderUi(<Pagination hasPrevious={false} hasNext onPrevious={() => {}} onNext={onNext} summary="Page 1" />);
    expect(screen.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(onNext).toHaveBeenCalledOnce();
  });

  it('speaks Vietnamese', () => {
    renderUi(<Pagination hasPrevious hasNext={false} onPrevious={() => {}} onNext={() => {}} />, 'vi');
    expect(screen.getByRole('button', { name: 'Trang sau' })).toBeDisabled();
  });

  it('keeps a trail of cursors to go back', () => {
    const two = nextTrail([], 'c1');
    const three = nextTrail(two, 'c2');
    expect(currentCursor([])).toBeUndefined();
    expect(currentCursor(three)).toBe('c2');
    expect(previousTrail(three)).toEqual(['c1']);
  });
});

describe('Table and Badge', () => {
  it('headers name the column of each cell; a badge carries its word', () => {
    renderUi(
      <Table label="Numbers">
        <TableHeader>
          <TableRow>
            <TableHead>Number</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>+84901234567</TableCell>
            <TableCell>
              <Badge tone="success">Answered</Badge>
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    expect(screen.getByRole('region', { name: 'Numbers' })).toBeVisible();
    expect(screen.getByRole('columnheader', { name: 'Status' })).toHaveAttribute('scope', 'col');
    expect(screen.getByRole('cell', { name: 'Answered' })).toBeVisible();
  });
});
