import { Search } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_STATUSES, type CallStatus } from '@autocall/domain/schemas';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';

const ALL = 'all';
// The API matches a whole number, or the last digits from this many on.
export const MIN_SEARCH_DIGITS = 3;
export const searchTooShort = (phone: string) => {
  const digits = phone.replace(/\D/g, '').length;
  return phone.trim() !== '' && digits < MIN_SEARCH_DIGITS;
};

// The numbers' filters: one status (or all) and a search by number.
export function NumberFilters({
  status,
  onStatus,
  phone,
  onPhone,
}: {
  status: CallStatus | undefined;
  onStatus: (status: CallStatus | undefined) => void;
  phone: string;
  onPhone: (phone: string) => void;
}) {
  const { t } = useTranslation('campaign');
  const statusId = useId();
  const searchId = useId();
  const hintId = `${searchId}-hint`;
  const tooShort = searchTooShort(phone);
  return (
    <div className="grid gap-4 sm:grid-cols-[14rem_minmax(0,20rem)]">
      <div className="grid gap-2">
        <Label htmlFor={statusId}>{t('numbers.filterStatus')}</Label>
        <Select value={status ?? ALL} onValueChange={(next) => onStatus(next === ALL ? undefined : (next as CallStatus))}>
          <SelectTrigger id={statusId}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('numbers.allStatuses')}</SelectItem>
            {CALL_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`callStatus.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor={searchId}>{t('numbers.search')}</Label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id={searchId}
            type="search"
            inputMode="tel"
            autoComplete="off"
            className="pl-9"
            value={phone}
            aria-describedby={hintId}
            aria-invalid={tooShort || undefined}
            onChange={(event) => onPhone(event.target.value)}
          />
        </div>
        <p id={hintId} className={tooShort ? 'text-sm font-medium text-destructive' : 'text-sm text-muted-foreground'}>
          {t(tooShort ? 'numbers.searchTooShort' : 'numbers.searchHint', { min: MIN_SEARCH_DIGITS })}
        </p>
      </div>
    </div>
  );
}
