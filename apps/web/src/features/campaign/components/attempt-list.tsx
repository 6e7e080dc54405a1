import { useTranslation } from 'react-i18next';
import type { CallAttempt } from '@/hooks/api/calls/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { formatZonedTime } from '../zoned-time.ts';

// Each call placed to one number: when, in which batch, and how it ended.
export function AttemptList({ attempts, timeZone }: { attempts: CallAttempt[]; timeZone: string }) {
  const { t, i18n } = useTranslation('campaign');
  if (attempts.length === 0) return <p className="text-sm text-muted-foreground">{t('numbers.noAttempts')}</p>;
  return (
    <ol className="grid gap-1.5 text-sm">
      {attempts.map((a) => (
        <li key={a.attempt} className="flex flex-wrap gap-x-3 gap-y-0.5">
          <span className="font-medium">{t('numbers.attempt', { n: a.attempt })}</span>
          <span className="tabular-nums">{formatZonedTime(a.dialedAt, timeZone, i18n.language)}</span>
          <span>{t(`outcome.${a.outcome}`)}</span>
          {a.answerSec != null && <span className="text-muted-foreground">{t('numbers.answerSec', { seconds: formatNumber(a.answerSec, i18n.language) })}</span>}
          {a.hangupCause && <span className="text-muted-foreground">{a.hangupCause}</span>}
          <span className="text-muted-foreground">{t('numbers.batch', { n: formatNumber(a.batch + 1, i18n.language) })}</span>
        </li>
      ))}
    </ol>
  );
}
