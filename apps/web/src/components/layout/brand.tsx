import { PhoneOutgoing } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-2 text-base font-semibold tracking-tight">
      <span className="grid size-8 place-items-center rounded-lg bg-primary text-primary-foreground">
        <PhoneOutgoing aria-hidden className="size-4" />
      </span>
      {t('productName')}
    </span>
  );
}
