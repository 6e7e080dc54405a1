import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import type { CampaignTimeline } from '@/hooks/api/campaigns/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { formatZonedTime } from '../zoned-time.ts';

type Batch = CampaignTimeline['batches'][number];

const TONES: Record<Batch['status'], BadgeTone> = {
  planned: 'neutral',
  claimed: 'info',
  sending: 'info',
  sent: 'success',
  ambiguous: 'warning',
  rejected: 'danger',
};

// The latest batches and the next planned ones: when each was due, when the provider took it.
export function BatchesTimeline({ batches, olderBatches, timeZone }: { batches: Batch[]; olderBatches: number; timeZone: string }) {
  const { t, i18n } = useTranslation('campaign');
  const time = (ms: number) => formatZonedTime(ms, timeZone, i18n.language, batches[0]?.plannedAt);
  const lag = (batch: Batch) =>
    batch.sentAt == null ? t('none') : t('batches.lagSeconds', { seconds: formatNumber((batch.sentAt - batch.plannedAt) / 1000, i18n.language, { maximumFractionDigits: 1 }) });
  return (
    <div className="grid min-w-0 content-start gap-2">
      <h3 className="text-sm font-medium">{t('batches.title')}</h3>
      {batches.length === 0 ? (
        <p className="rounded-xl border bg-card p-6 text-sm text-muted-foreground">{t('batches.empty')}</p>
      ) : (
        <div className="max-h-80 overflow-y-auto rounded-lg">
          <Table label={t('batches.title')}>
            <TableCaption>{t('batches.caption', { zone: timeZone, count: olderBatches })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t('batches.slot')}</TableHead>
                <TableHead>{t('batches.planned')}</TableHead>
                <TableHead>{t('batches.sent')}</TableHead>
                <TableHead>{t('batches.lag')}</TableHead>
                <TableHead>{t('batches.size')}</TableHead>
                <TableHead>{t('batches.status')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {batches.map((batch) => (
                <TableRow key={`${batch.status === 'planned' ? 'p' : 'b'}${batch.slot}`}>
                  <TableCell className="tabular-nums">{formatNumber(batch.slot + 1, i18n.language)}</TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">{time(batch.plannedAt)}</TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">{batch.sentAt == null ? t('none') : time(batch.sentAt)}</TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">{lag(batch)}</TableCell>
                  <TableCell className="tabular-nums">{formatNumber(batch.size, i18n.language)}</TableCell>
                  <TableCell>
                    <Badge tone={TONES[batch.status]}>{t(`batches.statuses.${batch.status}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
