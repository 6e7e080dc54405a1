import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { campaignSettingsSchema, planDispatch } from '@autocall/domain/schemas';
import { useCampaignCheck } from '@/hooks/api/new-campaign/queries.ts';
import type { CampaignCheckPlan } from '@/hooks/api/new-campaign/types.ts';
import { isApiError } from '@/lib/api-error.ts';
import { numbersCheckRequest, planCheckRequest } from './model/check-request.ts';
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

export type PlanInput = { maxCallsPerBatch: number; callAgainCount?: number };

/**
 * When the batches would go out with the settings on screen, refreshed as they change (debounced).
 * For a pasted list, from the API's dry run (POST /v1/campaigns/validate), which also gives the
 * API's verdict on the settings. For a file, the dry run counted its numbers once; the plan comes
 * from the planner the API's dry run uses (`planDispatch`) over that count, so a large file is not
 * sent again for every change. Call-again has no dry run: the same planner over the numbers chosen.
 * Called by the steps that show the plan (not the wizard itself), so a keystroke re-renders them only.
 */
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

  const file = callAgainCount === undefined ? watched.file : null;
  const fileCheck = useCampaignCheck(useMemo(() => (file ? numbersCheckRequest({ phoneText: '', file }) : null), [file]));
  const localCount = callAgainCount ?? (file ? fileCheck.data?.phones.accepted : undefined);
  const remote = callAgainCount === undefined && !file;

  // Recomputed when the settled JSON changes (it stands for the settings); by then the debounce has
  // caught up, so getValues() reads the same settings.
  const request = useMemo(
    () => (remote && valid ? planCheckRequest({ ...getValues(), phoneText: phones }) : null),
    [remote, valid, settled, phones, getValues],
  );
  const check = useCampaignCheck(request);

  const local = useMemo(() => {
    if (remote || !valid || localCount === undefined) return undefined;
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
      fresh: localCount,
    });
    return plan;
  }, [remote, valid, settled, localCount, getValues]);

  if (!remote) return { plan: local, invalid: !valid, fetching: fileCheck.isFetching, error: fileCheck.error };
  return { plan: check.data?.plan, invalid: !valid, fetching: check.isFetching || settled !== settingsJson, error: check.error };
}

/** An API field error from the dry run for `field` (e.g. numberCallPerTime above the plan's limit), as a message. */
export function planFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const detail = error.details.find((d) => d.field === field);
  return detail && apiDetailMessage(detail);
}
