import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { formatNumber } from '@/lib/format.ts';
import type { WizardValues } from '../model/form-values.ts';
import { isApiError } from '@/lib/api-error.ts';
import { maxPerBatchFrom } from '../model/messages.ts';
import { planFieldError, usePlan, type PlanInput } from '../use-plan.ts';
import { useErrorText } from '../use-error-text.ts';
import { PlanSummary } from './plan-summary.tsx';
import { errorAt } from './wizard-field.tsx';

const FIELDS = ['numberCallPerTime', 'durationOfEachCall', 'maxRetryOfDetail', 'retryAfterSeconds'] as const;

// Step 3: how fast. The plan's limit on numbers per batch is shown when the console knows it (from
// GET /v1/me, or from the API's own refusal in the dry run, shown on the field).
export function PacingStep({ planInput, knownMax }: { planInput: PlanInput; knownMax: number | undefined }) {
  const { t, i18n } = useTranslation('wizard');
  const { register, formState, control } = useFormContext<WizardValues>();
  const timeZone = useWatch({ control, name: 'timeZone' });
  const plan = usePlan(planInput);
  const maxPerBatch = knownMax ?? (isApiError(plan.error) ? maxPerBatchFrom(plan.error.details) : undefined);
  const errorText = useErrorText();
  const hints: Record<(typeof FIELDS)[number], string> = {
    numberCallPerTime: maxPerBatch ? t('pacing.perBatchHintMax', { max: formatNumber(maxPerBatch, i18n.language) }) : t('pacing.perBatchHint'),
    durationOfEachCall: t('pacing.gapHint'),
    maxRetryOfDetail: t('pacing.retriesHint'),
    retryAfterSeconds: t('pacing.retryAfterHint'),
  };
  return (
    <div className="grid gap-6">
      <div className="grid gap-5 sm:grid-cols-2">
        {FIELDS.map((name) => (
          <Field
            key={name}
            label={t(`pacing.${name}`)}
            hint={hints[name]}
            error={errorText(errorAt(formState.errors, name) ?? planFieldError(plan.error, name))}
          >
            <Input type="number" inputMode="numeric" min={name === 'numberCallPerTime' ? 1 : 0} max={name === 'numberCallPerTime' ? maxPerBatch : undefined} step={1} {...register(name, { valueAsNumber: true })} />
          </Field>
        ))}
      </div>
      <PlanSummary state={plan} timeZone={timeZone} facts="pacing" />
    </div>
  );
}
