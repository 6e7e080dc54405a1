import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  CALL_STATUSES,
  TERMINAL_CALL_STATUSES,
  applyCampaignAction,
  isTerminalCallStatus,
  type CampaignAction,
  type CampaignStatus,
} from './campaign-status.ts';

const allowed: Record<CampaignAction, Partial<Record<CampaignStatus, CampaignStatus>>> = {
  start: { scheduled: 'running' },
  pause: { scheduled: 'paused', running: 'paused' },
  resume: { paused: 'running' },
  cancel: { scheduled: 'cancelled', running: 'cancelled', paused: 'cancelled' },
  complete: { running: 'completed' },
  fail: { scheduled: 'failed', running: 'failed', paused: 'failed' },
  edit: { scheduled: 'scheduled' },
};

describe('applyCampaignAction', () => {
  for (const action of CAMPAIGN_ACTIONS) {
    for (const status of CAMPAIGN_STATUSES) {
      const expected = allowed[action][status];
      it(`${action} from ${status} -> ${expected ?? 'refused'}`, () => {
        const result = applyCampaignAction(status, action);
        if (expected) {
          expect(result).toEqual({ ok: true, status: expected });
        } else {
          expect(result).toMatchObject({ ok: false, code: 'invalid_transition', current: status });
          expect(result.ok === false && result.message).toMatch(new RegExp(`Cannot ${action} a campaign that is ${status}`));
        }
      });
    }
  }

  it('resumes a campaign paused before it ever ran back to scheduled', () => {
    expect(applyCampaignAction('paused', 'resume', { startedAt: null })).toEqual({ ok: true, status: 'scheduled' });
    expect(applyCampaignAction('paused', 'resume', { startedAt: 1_700_000_000_000 })).toEqual({ ok: true, status: 'running' });
    expect(applyCampaignAction('paused', 'resume', { startedAt: new Date() })).toEqual({ ok: true, status: 'running' });
  });
});

describe('call statuses', () => {
  it('lists the terminal ones among all of them', () => {
    expect(TERMINAL_CALL_STATUSES.every((s) => (CALL_STATUSES as readonly string[]).includes(s))).toBe(true);
    expect(CALL_STATUSES.filter((s) => !isTerminalCallStatus(s))).toEqual(['pending', 'dialing', 'calling', 'retry']);
  });
});
