import { Link } from '@tanstack/react-router';
import { ArrowLeft, ArrowRight, Check, LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';

// "Back" and "Next" (both exact names, a public contract), "Create campaign" on the last step.
// Next and Create submit the form, so Enter in a field moves on as well. Create keeps its name and
// stays clickable while it works: a second click sends the same Idempotency-Key, so it is harmless.
export function WizardNav({ step, last, creating, onBack }: { step: number; last: number; creating: boolean; onBack: () => void }) {
  const { t } = useTranslation('wizard');
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t pt-5">
      {step === 0 ? (
        <Button asChild variant="ghost">
          <Link to="/campaigns">{t('nav.cancel')}</Link>
        </Button>
      ) : (
        <Button type="button" variant="outline" onClick={onBack}>
          <ArrowLeft aria-hidden />
          {t('nav.back')}
        </Button>
      )}
      {step < last ? (
        <Button type="submit">
          {t('nav.next')}
          <ArrowRight aria-hidden />
        </Button>
      ) : (
        <Button type="submit" size="lg" aria-busy={creating || undefined}>
          {creating ? <LoaderCircle aria-hidden className="animate-spin" /> : <Check aria-hidden />}
          {t('nav.create')}
        </Button>
      )}
    </div>
  );
}
