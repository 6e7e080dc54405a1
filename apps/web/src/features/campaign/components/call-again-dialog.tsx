import { useNavigate } from '@tanstack/react-router';
import { PhoneForwarded } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Checkbox } from '@/components/ui/checkbox.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog.tsx';
import { Label } from '@/components/ui/label.tsx';
import { formatNumber } from '@/lib/format.ts';
import { CALL_AGAIN_CHOICES, callAgainHref, DEFAULT_CALL_AGAIN, type CallAgainChoice } from '../call-statuses.ts';

// "Call again": pick which outcomes to reach again (with how many numbers each has), then go on in
// the wizard, prefilled from this campaign with exactly those numbers.
export function CallAgainDialog({ campaignId, counts }: { campaignId: string; counts: Partial<Record<string, number>> }) {
  const { t, i18n } = useTranslation('campaign');
  const navigate = useNavigate();
  const id = useId();
  const [chosen, setChosen] = useState<ReadonlySet<CallAgainChoice>>(new Set(DEFAULT_CALL_AGAIN));
  const count = (status: CallAgainChoice) => counts[status] ?? 0;
  const statuses = CALL_AGAIN_CHOICES.filter((s) => chosen.has(s));
  const total = statuses.reduce((sum, s) => sum + count(s), 0);
  const toggle = (status: CallAgainChoice, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(status);
      else next.delete(status);
      return next;
    });

  return (
    <Dialog onOpenChange={(open) => open && setChosen(new Set(DEFAULT_CALL_AGAIN))}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <PhoneForwarded aria-hidden />
          {t('callAgain.button')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('callAgain.title')}</DialogTitle>
          <DialogDescription>{t('callAgain.description')}</DialogDescription>
        </DialogHeader>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t('callAgain.legend')}</legend>
          {CALL_AGAIN_CHOICES.map((status) => (
            <div key={status} className="flex items-center gap-3 rounded-lg border px-3 py-2.5 has-[[data-state=checked]]:border-primary/60 has-[[data-state=checked]]:bg-accent">
              <Checkbox id={`${id}-${status}`} checked={chosen.has(status)} onCheckedChange={(checked) => toggle(status, checked === true)} />
              <Label htmlFor={`${id}-${status}`} className="flex flex-1 cursor-pointer flex-wrap items-center justify-between gap-x-3 gap-y-1 font-normal leading-snug">
                <span>{t(`callAgain.choice.${status}`)}</span>
                <span className="tabular-nums text-muted-foreground">{t('callAgain.numbers', { count: count(status), formatted: formatNumber(count(status), i18n.language) })}</span>
              </Label>
            </div>
          ))}
        </fieldset>
        <p aria-live="polite" className="text-sm">
          {t('callAgain.total', { count: total, formatted: formatNumber(total, i18n.language) })}
        </p>
        <DialogFooter>
          <Button disabled={total === 0} onClick={() => void navigate({ href: callAgainHref(campaignId, statuses) })}>
            {t('callAgain.continue')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
