import { useFormContext, useWatch } from 'react-hook-form';
import type { WizardValues } from '../model/form-values.ts';
import type { PlanInput } from '../use-plan.ts';
import { CallWindowsEditor } from './call-windows-editor.tsx';
import { LivePlanSummary } from './plan-summary.tsx';
import { SkipDates } from './skip-dates.tsx';
import { StartField } from './start-field.tsx';
import { TimeZoneSelect } from './time-zone-select.tsx';

// Step 4: when it starts and when it may call, with the first and last batch that gives.
export function WhenStep({ planInput }: { planInput: PlanInput }) {
  const { control } = useFormContext<WizardValues>();
  const timeZone = useWatch({ control, name: 'timeZone' });
  return (
    <div className="grid gap-8">
      <TimeZoneSelect />
      <StartField />
      <CallWindowsEditor timeZone={timeZone} />
      <SkipDates />
      <LivePlanSummary planInput={planInput} timeZone={timeZone} facts="when" />
    </div>
  );
}
