import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { campaignSettingsSchema, planDispatch } from '@autocall/domain/schemas';
import { useCampaignCheck } from '@/hooks/api/new-campaign/queries.ts';
import type { CampaignCheckPlan } from '@/hooks/api/new-campaign/types.ts';
import { isApiError } from '@/lib/api-error.ts';
import { planCheckRequest } from './model/check-request.ts';
import { apiDetailMessage } from './model/messages.ts';
import type { WizardValues } from './model/form-values.ts';
import { sendTimeOf, settingsBody } from './model/to-body.ts';
import { useDebounced } from './use-debounced.ts';

export type PlanState = {
  plan: CampaignCheckPlan | undefined;
  /** Settings the schema refuses: no plan until they are fixed (their fields say why). */
  invalid: boolean;
  fetching: boolean;
  error: unknown;
};

/**
 * When the batches would go out with the settings on screen, refreshed as they change (debounced).
 * From the API's dry run (POST /v1/campaigns/validate) for a list or a file; in call-again mode,
 * which has no dry run, from the same planner the API uses (`planDispatch`) over the number count.
 */
export type PlanInput = { maxCallsPerBatch: number; callAgainCount?: number };

// Called by the steps that show the plan (not the wizard itself), so a keystroke re-renders them only.
export function usePlan({ maxCallsPerBatch, callAgainCount }: PlanInput): PlanState {
  const { control, getValues } = useFormContext<WizardValues>();
  const watched = useWatch({ control }) as WizardValues;
  const settingsJson = JSON.stringify(settingsBody(watched));
  const settled = useDebounced(settingsJson, 600);
  const phones = useDebounced(watched.phoneText, 600);
  const schema = useMemo(() => campaignSettingsSchema({ maxCallsPerBatch }), [maxCallsPerBatch]);
  const valid = useMemo(() => {
    const body = JSON.parse(settled) as ReturnType<typeof settingsBody>;
    return schema.safeParse(body).success && !Number.isNaN(body.sendTime);
  }, [schema, settled]);

  const remote = callAgainCount === undefined;
  // Recomputed when the settled JSON changes (it stands for the settings); by then the debounce has
  // caught up, so getValues() reads the same settings.
  const request = useMemo(
    () => (remote && valid ? planCheckRequest({ ...getValues(), phoneText: phones }) : null),
    [remote, valid, settled, phones, watched.file, getValues],
  );
  const check = useCampaignCheck(request);

  const local = useMemo(() => {
    if (remote || !valid) return undefined;
    const values = getValues();
    const nowMs = Date.now();
    const { slots: _slots, ...plan } = planDispatch({
      sendTimeMs: Math.max(sendTimeOf(values) ?? nowMs, nowMs),
      durationOfEachCall: values.durationOfEachCall,
      numberCallPerTime: values.numberCallPerTime,
      maxRetryOfDetail: values.maxRetryOfDetail,
      retryAfterSeconds: values.retryAfterSeconds,
      calendar:
        values.callWindows === null && values.skipDates.length === 0
          ? null
          : { timeZone: values.timeZone, windows: values.callWindows, skipDates: values.skipDates },
      nowMs,
      fresh: callAgainCount,
    });
    return plan;
  }, [remote, valid, settled, callAgainCount, getValues]);

  if (!remote) return { plan: local, invalid: !valid, fetching: false, error: null };
  return { plan: check.data?.plan, invalid: !valid, fetching: check.isFetching || settled !== settingsJson, error: check.error };
}

/** An API field error from the dry run for `field` (e.g. numberCallPerTime above the plan's limit), as a message. */
export function planFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const detail = error.details.find((d) => d.field === field);
  return detail && apiDetailMessage(detail);
}
