import { ChevronDown, ChevronRight } from 'lucide-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import type { Call } from '@/hooks/api/calls/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { formatZonedTime } from '../zoned-time.ts';
import { AttemptList } from './attempt-list.tsx';
import { CallStatusBadge } from './call-status-badge.tsx';

// One page of numbers; a row opens to show every attempt of its number.
export function NumbersTable({ calls, timeZone }: { calls: Call[]; timeZone: string }) {
  const { t, i18n } = useTranslation('campaign');
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (position: number) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(position)) next.add(position);
      return next;
    });
  return (
    // Unlabelled scroller: its rows' buttons make it reachable by keyboard; the caption names the table.
    <Table>
      <TableCaption className="sr-only">{t('numbers.caption', { zone: timeZone })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead className="w-10">
            <span className="sr-only">{t('numbers.details')}</span>
          </TableHead>
          <TableHead>{t('numbers.number')}</TableHead>
          <TableHead>{t('numbers.status')}</TableHead>
          <TableHead>{t('numbers.attempts')}</TableHead>
          <TableHead>{t('numbers.lastOutcome')}</TableHead>
          <TableHead>{t('numbers.lastAttemptAt', { zone: timeZone })}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {calls.map((call) => {
          const last = call.history.at(-1);
          const expanded = open.has(call.position);
          const detailsId = `attempts-${call.position}`;
          return (
            <Fragment key={call.position}>
              <TableRow>
                <TableCell className="py-1.5 pr-0">
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    aria-expanded={expanded}
                    aria-controls={expanded ? detailsId : undefined}
                    aria-label={t('numbers.showAttempts', { phone: call.phone })}
                    onClick={() => toggle(call.position)}
                  >
                    {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                  </Button>
                </TableCell>
                <TableCell className="whitespace-nowrap font-mono">{call.phone}</TableCell>
                <TableCell>
                  <CallStatusBadge status={call.status} />
                </TableCell>
                <TableCell className="tabular-nums">{formatNumber(call.attempts, i18n.language)}</TableCell>
                <TableCell>{last ? t(`outcome.${last.outcome}`) : call.invalidReason ? t('numbers.invalidReason', { reason: call.invalidReason }) : t('none')}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums text-muted-foreground">
                  {last ? formatZonedTime(last.dialedAt, timeZone, i18n.language) : t('none')}
                </TableCell>
              </TableRow>
              {expanded && (
                <TableRow id={detailsId} className="bg-muted/30 hover:bg-muted/30">
                  <TableCell />
                  <TableCell colSpan={5}>
                    <AttemptList attempts={call.history} timeZone={timeZone} />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
