import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldErrors, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Stepper } from '@/components/ui/stepper.tsx';
import { useMe } from '@/hooks/api/me/queries.ts';
import { useCreateCampaign, type CreateRequest } from '@/hooks/api/new-campaign/mutations.ts';
import { campaignCheckQuery } from '@/hooks/api/new-campaign/queries.ts';
import type { SourceCampaign } from '@/hooks/api/new-campaign/types.ts';
import { ApiError, isApiError, type FieldError } from '@/lib/api-error.ts';
import { applyFieldErrors } from '@/lib/form-errors.ts';
import { CallAgainNumbers, callAgainCount } from './components/call-again-numbers.tsx';
import { NumbersStep } from './components/numbers-step.tsx';
import { PacingStep } from './components/pacing-step.tsx';
import { ReviewStep } from './components/review-step.tsx';
import { ScriptStep } from './components/script-step.tsx';
import { WhenStep } from './components/when-step.tsx';
import { WizardNav } from './components/wizard-nav.tsx';
import { numbersCheckRequest, planCheckRequest } from './model/check-request.ts';
import type { WizardValues } from './model/form-values.ts';
import { newIdempotencyKey } from './model/idempotency-key.ts';
import { apiDetailMessage, maxPerBatchFrom, messageKey } from './model/messages.ts';
import { ALL_FIELDS, STEPS, STEP_FIELDS, stepOfField } from './model/steps.ts';
import { callAgainBody, createBody, settingsBody } from './model/to-body.ts';
import { formFieldOf, wizardResolver } from './model/validation.ts';

// The config's bound on MAX_CALLS_PER_BATCH: until the console knows the plan's own limit, the
// schema checks against this and the API's dry run says the real one (shown on the field).
export const GENEROUS_MAX_PER_BATCH = 10_000;

// GET /v1/me names the plan's limits (`limits.maxCallsPerBatch`); an older API without them says nothing.
export function maxPerBatchOf(me: unknown): number | undefined {
  const max = (me as { limits?: { maxCallsPerBatch?: unknown } } | undefined)?.limits?.maxCallsPerBatch;
  return typeof max === 'number' && max >= 1 ? max : undefined;
}

type WizardProps = { initialValues: WizardValues; source?: SourceCampaign };

// The new-campaign wizard: one form across five steps. "Next" checks the step's fields with the
// API's schemas (and the numbers with the API's dry run); "Create campaign" sends once per session
// key; an API refusal goes back to the step that owns the field.
export function Wizard({ initialValues, source }: WizardProps) {
  const { t } = useTranslation('wizard');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [step, setStep] = useState(0);
  const [learnedMax, setLearnedMax] = useState<number>();
  const knownMax = maxPerBatchOf(me.data) ?? learnedMax;
  const schemaMax = knownMax ?? GENEROUS_MAX_PER_BATCH;
  const resolver = useMemo(() => wizardResolver({ maxCallsPerBatch: schemaMax, callAgain: source !== undefined, now: Date.now }), [schemaMax, source]);
  const form = useForm<WizardValues>({ resolver, mode: 'onChange', defaultValues: initialValues });
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateCampaign(idempotencyKey);
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const statuses = useWatch({ control: form.control, name: 'statuses' });
  const planInput = useMemo(
    () => ({ maxCallsPerBatch: schemaMax, callAgainCount: source ? callAgainCount(source, statuses) : undefined }),
    [schemaMax, source, statuses],
  );

  // A new step is announced by the stepper; focus goes to its heading so the keyboard starts there.
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const firstStepWithError = (errors: FieldErrors<WizardValues>) => {
    const steps = Object.keys(errors).map(stepOfField).filter((index) => index >= 0);
    return steps.length > 0 ? Math.min(...steps) : -1;
  };

  // The API's field errors on the form's fields; true when one landed on a field (and we moved there).
  const applyApiErrors = (error: ApiError): boolean => {
    const onForm = new ApiError(
      error.statusCode,
      error.code,
      error.message,
      error.details.map((detail) => ({ ...detail, field: formFieldOf(detail.field), message: apiDetailMessage(detail) })),
    );
    const rest = applyFieldErrors(onForm, form.setError, ALL_FIELDS);
    const max = maxPerBatchFrom(error.details);
    if (max) setLearnedMax(max);
    setLeftover(rest);
    const owned = onForm.details.filter((detail) => !rest.includes(detail)).map((detail) => stepOfField(detail.field));
    if (owned.length === 0) return false;
    setStep(Math.min(...owned));
    return true;
  };

  // Whether the numbers step may be left: 'none' when nothing would be called, 'failed' when the
  // dry run did not answer (the preview shows why).
  const numbersVerdict = async (values: WizardValues): Promise<'ok' | 'none' | 'failed'> => {
    if (source) return callAgainCount(source, values.statuses) > 0 ? 'ok' : 'none';
    const request = numbersCheckRequest(values);
    if (!request) return 'none';
    try {
      return (await queryClient.fetchQuery(campaignCheckQuery(request))).phones.accepted > 0 ? 'ok' : 'none';
    } catch {
      return 'failed';
    }
  };

  // The API's own verdict on the settings (e.g. a batch larger than the plan allows) before going on.
  const settingsAccepted = async (values: WizardValues): Promise<boolean> => {
    // A file is checked once, on the numbers step; its settings meet the API's verdict on create.
    const request = source || values.file ? null : planCheckRequest(values);
    if (!request) return true;
    try {
      await queryClient.fetchQuery(campaignCheckQuery(request));
      return true;
    } catch (error) {
      return !(isApiError(error) && applyApiErrors(error));
    }
  };

  const next = async () => {
    const id = STEPS[step]!;
    const valid = await form.trigger(STEP_FIELDS[id] as FieldPath<WizardValues>[], { shouldFocus: true });
    if (!valid) return;
    const values = form.getValues();
    if (id === 'numbers') {
      const verdict = await numbersVerdict(values);
      if (verdict === 'failed') return;
      if (verdict === 'none') {
        const field = source ? 'statuses' : values.file ? 'file' : 'phoneText';
        form.setError(field, { type: 'none_accepted', message: messageKey(source ? 'errors.noNumbers' : 'errors.noneAccepted') }, { shouldFocus: true });
        return;
      }
    }
    if ((id === 'pacing' || id === 'when') && !(await settingsAccepted(values))) return;
    setStep(step + 1);
  };

  const submit = form.handleSubmit(
    (values) => {
      setLeftover([]);
      const request: CreateRequest = source
        ? { kind: 'callAgain', sourceId: source.id, body: callAgainBody(values) }
        : values.file
          ? { kind: 'file', settings: settingsBody(values), file: values.file }
          : { kind: 'list', body: createBody(values) };
      create.mutate(request, {
        onSuccess: (created) => void navigate({ to: '/campaigns/$id', params: { id: created.id } }),
        onError: (error) => {
          if (isApiError(error)) applyApiErrors(error);
        },
      });
    },
    (errors) => {
      const index = firstStepWithError(errors);
      if (index >= 0) setStep(index);
    },
  );

  const stepId = STEPS[step]!;
  const stepName = t(`steps.${stepId}`);
  return (
    <FormProvider {...form}>
      <div className="grid gap-6">
        <Stepper
          label={t('stepper.label')}
          steps={STEPS.map((id) => ({ id, label: t(`steps.${id}`) }))}
          current={step}
          currentText={t('stepper.current', { n: step + 1, total: STEPS.length, name: stepName })}
          stateText={{ complete: t('stepper.complete'), current: t('stepper.currentStep') }}
          onSelect={setStep}
        />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (stepId === 'review') void submit(event);
            else void next();
          }}
          className="grid gap-6"
        >
          <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
            {stepName}
          </h2>
          {stepId === 'numbers' && (source ? <CallAgainNumbers source={source} /> : <NumbersStep />)}
          {stepId === 'script' && <ScriptStep />}
          {stepId === 'pacing' && <PacingStep planInput={planInput} knownMax={knownMax} />}
          {stepId === 'when' && <WhenStep planInput={planInput} />}
          {stepId === 'review' && <ReviewStep planInput={planInput} source={source} onEdit={setStep} />}
          {create.error && (!isApiError(create.error) || leftover.length > 0 || create.error.details.length === 0) && (
            <ApiErrorAlert error={create.error} details={isApiError(create.error) ? leftover : undefined} title={t('review.failed')} />
          )}
          <WizardNav step={step} last={STEPS.length - 1} creating={create.isPending} onBack={() => setStep(step - 1)} />
        </form>
      </div>
    </FormProvider>
  );
}
