// The wizard's steps in order and the form fields each owns, so an error (typed or from the API)
// can be shown on the step that has the field.
export const STEPS = ['numbers', 'script', 'pacing', 'when', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_FIELDS: Record<StepId, readonly string[]> = {
  numbers: ['name', 'phoneText', 'file', 'statuses'],
  script: ['scripts', 'numberCallOuts'],
  pacing: ['numberCallPerTime', 'durationOfEachCall', 'maxRetryOfDetail', 'retryAfterSeconds'],
  when: ['startMode', 'startDate', 'startTime', 'timeZone', 'callWindows', 'skipDates'],
  review: [],
};

export const ALL_FIELDS: readonly string[] = STEPS.flatMap((step) => STEP_FIELDS[step]);

const owns = (field: string, path: string) => path === field || path.startsWith(`${field}.`);

/** The index of the step that owns a form field path (e.g. `scripts.0.targetValue` -> 1); -1 when none. */
export function stepOfField(path: string): number {
  return STEPS.findIndex((step) => STEP_FIELDS[step].some((field) => owns(field, path)));
}
