import { useTranslation } from 'react-i18next';
import { Progress } from '@/components/ui/progress.tsx';
import { formatNumber } from '@/lib/format.ts';

// Numbers with a final outcome against the numbers to call, as a bar and in words.
export function CampaignProgress({ finished, total }: { finished: number; total: number }) {
  const { t, i18n } = useTranslation('campaigns');
  const label = t('progressLabel', { finished: formatNumber(finished, i18n.language), total: formatNumber(total, i18n.language) });
  return (
    <div className="grid min-w-36 gap-1.5">
      <Progress value={finished} max={total} label={label} />
      <span aria-hidden className="text-xs text-muted-foreground">
        {label}
      </span>
    </div>
  );
}
