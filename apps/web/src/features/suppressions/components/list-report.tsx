import { useTranslation } from 'react-i18next';
import type { SuppressionReport } from '@/hooks/api/suppressions/types.ts';
import { formatNumber } from '@/lib/format.ts';

// What the API did with submitted numbers: the counts, then the first invalid entries and why.
export function ListReport({ report, title }: { report: SuppressionReport; title: string }) {
  const { t, i18n } = useTranslation('suppressions');
  const counts = [
    { key: 'added', value: report.added },
    { key: 'duplicated', value: report.duplicated },
    { key: 'invalid', value: report.invalid },
  ] as const;
  return (
    <div role="status" className="grid gap-3 rounded-lg border bg-muted/40 p-4 text-sm">
      <p className="font-medium">{title}</p>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {counts.map(({ key, value }) => (
          <li key={key} className="flex items-baseline gap-1.5">
            <span className="text-lg font-semibold tabular-nums">{formatNumber(value, i18n.language)}</span>
            <span className="text-muted-foreground">{t(`report.${key}`)}</span>
          </li>
        ))}
      </ul>
      {report.invalidExamples.length > 0 && (
        <div className="grid gap-1">
          <p className="font-medium">{t('report.examples')}</p>
          <ul className="grid gap-1">
            {report.invalidExamples.map((example, index) => (
              <li key={`${example.line ?? example.position ?? index}`} className="flex flex-wrap gap-x-2">
                <span className="text-muted-foreground">
                  {example.line !== undefined
                    ? t('report.line', { line: example.line })
                    : t('report.position', { position: (example.position ?? index) + 1 })}
                </span>
                <code className="font-mono break-all">{example.input}</code>
                <span>— {t(`invalidReason.${example.reason}`, { defaultValue: example.reason })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
