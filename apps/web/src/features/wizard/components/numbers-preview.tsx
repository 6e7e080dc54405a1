import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useCampaignCheck, type CheckRequest } from '@/hooks/api/new-campaign/queries.ts';
import type { CampaignCheck } from '@/hooks/api/new-campaign/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { cn } from '@/lib/utils.ts';

const COUNTS = ['accepted', 'duplicated', 'invalid', 'suppressed'] as const;

// The dry run's verdict on the numbers: how many would be called, repeated, refused, or skipped as
// on the do-not-call list, and the first refused lines with the reason. While the next list is
// checked, the last counts stay on screen beside "Checking the numbers…" (not dimmed: dimmed text fails contrast).
// `lineOf` points an invalid entry at its line of the paste box (the API counts places in the list).
export function NumbersPreview({ request, settling, lineOf }: { request: CheckRequest | null; settling: boolean; lineOf?: (position: number) => number }) {
  const { t } = useTranslation('wizard');
  const check = useCampaignCheck(request);
  return (
    <section aria-labelledby="numbers-preview-title" aria-busy={check.isFetching || settling} className="grid gap-3 rounded-xl border bg-card p-4 sm:p-5">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id="numbers-preview-title" className="text-base font-semibold">
          {t('preview.title')}
        </h3>
        {(check.isFetching || settling) && request && <span className="text-sm text-muted-foreground">{t('preview.checking')}</span>}
      </div>
      {!request ? (
        <p className="text-sm text-muted-foreground">{t('preview.empty')}</p>
      ) : check.error && !check.isFetching ? (
        <ApiErrorAlert error={check.error} title={t('preview.failed')} />
      ) : check.data ? (
        <PhoneCounts phones={check.data.phones} stale={check.isPlaceholderData || settling} lineOf={lineOf} />
      ) : (
        <p className="text-sm text-muted-foreground">{t('preview.checking')}</p>
      )}
    </section>
  );
}

export function PhoneCounts({ phones, stale = false, lineOf }: { phones: CampaignCheck['phones']; stale?: boolean; lineOf?: (position: number) => number }) {
  const { t, i18n } = useTranslation('wizard');
  return (
    <div className="grid gap-4">
      <ul aria-live="polite" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {COUNTS.map((name) => (
          <li key={name} className="grid rounded-lg border bg-background px-3 py-2">
            <span className={cn('text-2xl font-semibold tabular-nums', name === 'invalid' && phones.invalid > 0 && 'text-destructive')}>
              {formatNumber(phones[name], i18n.language)}
            </span>{' '}
            <span className="text-sm text-muted-foreground">{t(`preview.${name}`)}</span>
          </li>
        ))}
      </ul>
      {phones.accepted === 0 && !stale && (
        <Alert variant="destructive">
          <AlertTitle>{t('preview.noneAccepted')}</AlertTitle>
        </Alert>
      )}
      {phones.invalidExamples.length > 0 && (
        <div className="grid gap-2">
          <h4 className="text-sm font-medium">{t('preview.invalidTitle', { count: phones.invalidExamples.length })}</h4>
          <Table label={t('preview.invalidTitle', { count: phones.invalidExamples.length })}>
            <TableHeader>
              <TableRow>
                <TableHead>{t('preview.line')}</TableHead>
                <TableHead>{t('preview.entry')}</TableHead>
                <TableHead>{t('preview.reason')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {phones.invalidExamples.map((example) => (
                <TableRow key={`${example.position}-${example.input}`}>
                  <TableCell className="tabular-nums">{lineOf ? lineOf(example.position) : example.line}</TableCell>
                  <TableCell className="max-w-48 truncate font-mono text-xs">{example.input}</TableCell>
                  <TableCell>{t(`reasons.${example.reason}`, { defaultValue: example.reason })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
