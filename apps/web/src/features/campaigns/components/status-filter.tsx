import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '@autocall/domain/schemas';
import { Label } from '@/components/ui/label.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';

const ALL = 'all';

// A select named "Status": every status, or all of them.
export function StatusFilter({ value, onChange }: { value: CampaignStatus | undefined; onChange: (status: CampaignStatus | undefined) => void }) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  return (
    <div className="grid gap-2 sm:w-56">
      <Label htmlFor={id}>{t('status.label')}</Label>
      <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : (next as CampaignStatus))}>
        <SelectTrigger id={id}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('status.all')}</SelectItem>
          {CAMPAIGN_STATUSES.map((status) => (
            <SelectItem key={status} value={status}>
              {t(`status.${status}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
