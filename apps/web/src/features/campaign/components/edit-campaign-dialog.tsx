import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Controller, useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { campaignPatchSchema } from '@autocall/domain/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useEditCampaign } from '@/hooks/api/campaigns/mutations.ts';
import type { CampaignDetail, CampaignPatchBody } from '@/hooks/api/campaigns/types.ts';
import { useMe } from '@/hooks/api/me/queries.ts';
import { isApiError, type FieldError } from '@/lib/api-error.ts';
import { formatNumber } from '@/lib/format.ts';
import { applyFieldErrors } from '@/lib/form-errors.ts';
import { fromZonedInput, toZonedInput } from '../send-time.ts';

// The plan's batch limit comes from GET /v1/me; without it, the configuration's own ceiling (the
// API then refuses a larger batch with an error on the field).
const CONFIG_MAX_CALLS_PER_BATCH = 10_000;
const FIELDS = ['name', 'sendTime', 'numberCallPerTime', 'durationOfEachCall', 'maxRetryOfDetail', 'retryAfterSeconds'] as const;
type EditValues = Pick<CampaignPatchBody, (typeof FIELDS)[number]>;

const valuesOf = (c: CampaignDetail): EditValues => ({
  name: c.name,
  sendTime: c.sendTime,
  numberCallPerTime: c.numberCallPerTime,
  durationOfEachCall: c.durationOfEachCall,
  maxRetryOfDetail: c.maxRetryOfDetail,
  retryAfterSeconds: c.retryAfterSeconds,
});

// "Edit" while scheduled: name, send time (in the campaign's zone) and pacing. Only the fields
// changed are sent (PATCH keeps the others).
export function EditCampaignDialog({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation('campaign');
  const [open, setOpen] = useState(false);
  const [apiDetails, setApiDetails] = useState<FieldError[] | undefined>();
  const edit = useEditCampaign(campaign.id);
  const maxPerBatch = useMe().data?.limits?.maxCallsPerBatch ?? CONFIG_MAX_CALLS_PER_BATCH;
  const schema = useMemo(() => campaignPatchSchema({ maxCallsPerBatch: maxPerBatch }), [maxPerBatch]);
  const form = useForm({ resolver: zodResolver(schema), defaultValues: valuesOf(campaign) });
  const errors = form.formState.errors as FieldErrors<EditValues>;
  // The API's own sentence for a field it refused; else ours for what the schema caught.
  const fromApi = new Set(isApiError(edit.error) ? edit.error.details.map((d) => d.field) : []);
  const message = (field: keyof EditValues) => {
    const error = errors[field];
    if (!error) return undefined;
    return fromApi.has(field) && error.message ? error.message : t(`edit.errors.${field}`, { max: formatNumber(maxPerBatch, i18n.language) });
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      form.reset(valuesOf(campaign));
      edit.reset();
      setApiDetails(undefined);
    }
  };

  const submit = form.handleSubmit((values) => {
    const dirty = form.formState.dirtyFields as Partial<Record<keyof EditValues, boolean>>;
    const body = Object.fromEntries(FIELDS.filter((f) => dirty[f]).map((f) => [f, (values as EditValues)[f]])) as CampaignPatchBody;
    if (Object.keys(body).length === 0) return setOpen(false);
    edit.mutate(body, {
      onSuccess: () => setOpen(false),
      onError: (error) => setApiDetails(isApiError(error) ? applyFieldErrors(error, form.setError, FIELDS) : undefined),
    });
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Pencil aria-hidden />
          {t('edit.button')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('edit.title')}</DialogTitle>
          <DialogDescription>{t('edit.description')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          {edit.error && <ApiErrorAlert error={edit.error} details={apiDetails} />}
          <Field label={t('edit.name')} error={message('name')}>
            <Input {...form.register('name')} />
          </Field>
          <Controller
            control={form.control}
            name="sendTime"
            render={({ field }) => (
              <Field label={t('edit.sendTime')} hint={t('edit.sendTimeHint', { zone: campaign.timeZone })} error={message('sendTime')}>
                <Input
                  type="datetime-local"
                  name={field.name}
                  ref={field.ref}
                  onBlur={field.onBlur}
                  value={typeof field.value === 'number' ? toZonedInput(field.value, campaign.timeZone) : ''}
                  onChange={(event) => field.onChange(fromZonedInput(event.target.value, campaign.timeZone))}
                />
              </Field>
            )}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('edit.numberCallPerTime')} error={message('numberCallPerTime')}>
              <Input type="number" inputMode="numeric" min={1} max={maxPerBatch} {...form.register('numberCallPerTime', { valueAsNumber: true })} />
            </Field>
            <Field label={t('edit.durationOfEachCall')} error={message('durationOfEachCall')}>
              <Input type="number" inputMode="numeric" min={0} {...form.register('durationOfEachCall', { valueAsNumber: true })} />
            </Field>
            <Field label={t('edit.maxRetryOfDetail')} error={message('maxRetryOfDetail')}>
              <Input type="number" inputMode="numeric" min={0} max={10} {...form.register('maxRetryOfDetail', { valueAsNumber: true })} />
            </Field>
            <Field label={t('edit.retryAfterSeconds')} error={message('retryAfterSeconds')}>
              <Input type="number" inputMode="numeric" min={0} {...form.register('retryAfterSeconds', { valueAsNumber: true })} />
            </Field>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('edit.dismiss')}
            </Button>
            <Button type="submit" disabled={edit.isPending}>
              {t('edit.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
