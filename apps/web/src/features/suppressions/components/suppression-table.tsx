import { useTranslation } from 'react-i18next';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import type { Suppression } from '@/hooks/api/suppressions/types.ts';
import { browserTimeZone } from '@/lib/browser-zone.ts';
import { formatDateTime } from '@/lib/format.ts';
import { RemoveNumberButton } from './remove-number-button.tsx';

export function SuppressionTable({ items, onRemoved }: { items: readonly Suppression[]; onRemoved: (phone: string) => void }) {
  const { t, i18n } = useTranslation('suppressions');
  const zone = browserTimeZone();
  return (
    <Table label={t('table.caption')}>
      <TableHeader>
        <TableRow>
          <TableHead>{t('table.number')}</TableHead>
          <TableHead>{t('table.reason')}</TableHead>
          <TableHead>{t('table.added')}</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">{t('table.actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.phone}>
            <TableCell className="whitespace-nowrap font-mono tabular-nums">{item.phone}</TableCell>
            <TableCell className="min-w-40 text-muted-foreground">{item.reason ?? t('table.noReason')}</TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(item.createdAt, zone, i18n.language)}</TableCell>
            <TableCell className="py-1 text-right">
              <RemoveNumberButton phone={item.phone} onRemoved={onRemoved} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
