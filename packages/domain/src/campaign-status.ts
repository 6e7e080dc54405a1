export const CAMPAIGN_STATUSES = ['scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ACTIONS = ['start', 'pause', 'resume', 'cancel', 'complete', 'fail', 'edit'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

export const TERMINAL_CAMPAIGN_STATUSES = ['completed', 'cancelled', 'failed'] as const satisfies readonly CampaignStatus[];

export const CALL_STATUSES = [
  'pending',
  // In a batch not yet accepted by the provider. Shown, not stored: the claim stores 'calling' and
  // readers show 'dialing' while the batch is claimed or sending (packages/db/src/in-flight.ts).
  'dialing',
  'calling',
  'retry',
  'answered',
  'failed',
  'invalid',
  'no_result',
  'unknown',
  'cancelled',
  'suppressed',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const TERMINAL_CALL_STATUSES = [
  'answered',
  'failed',
  'invalid',
  'no_result',
  'unknown',
  'cancelled',
  'suppressed',
] as const satisfies readonly CallStatus[];
export type TerminalCallStatus = (typeof TERMINAL_CALL_STATUSES)[number];

const terminalCalls: ReadonlySet<string> = new Set(TERMINAL_CALL_STATUSES);
const terminalCampaigns: ReadonlySet<string> = new Set(TERMINAL_CAMPAIGN_STATUSES);

export function isTerminalCallStatus(status: CallStatus): status is TerminalCallStatus {
  return terminalCalls.has(status);
}

export function isTerminalCampaignStatus(status: CampaignStatus): boolean {
  return terminalCampaigns.has(status);
}

/** Where each action may start from, and where it leads. `resume` is resolved separately. */
const TRANSITIONS = {
  start: { from: ['scheduled'], to: 'running' },
  pause: { from: ['scheduled', 'running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['scheduled', 'running', 'paused'], to: 'cancelled' },
  complete: { from: ['running'], to: 'completed' },
  fail: { from: ['scheduled', 'running', 'paused'], to: 'failed' },
  edit: { from: ['scheduled'], to: 'scheduled' },
} as const satisfies Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }>;

export type CampaignTransition =
  | { ok: true; status: CampaignStatus }
  | { ok: false; code: 'invalid_transition'; message: string; current: CampaignStatus };

export type CampaignTransitionContext = {
  /**
   * When the campaign first ran, if it did. Given as null, `resume` returns a
   * campaign paused before its first slot to `scheduled`; omitted, `resume` goes to `running`.
   */
  startedAt?: number | Date | null;
};

export function applyCampaignAction(
  status: CampaignStatus,
  action: CampaignAction,
  context: CampaignTransitionContext = {},
): CampaignTransition {
  const rule = TRANSITIONS[action];
  if (!(rule.from as readonly CampaignStatus[]).includes(status)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `Cannot ${action} a campaign that is ${status}; allowed only when ${rule.from.join(' or ')}.`,
      current: status,
    };
  }
  if (action === 'resume' && context.startedAt === null) return { ok: true, status: 'scheduled' };
  return { ok: true, status: rule.to };
}
