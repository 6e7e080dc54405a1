import { describe, expect, it } from 'vitest';
import { BATCH_MOVES } from './batch-status.ts';
import { workerCampaignMove } from './campaign-moves.ts';

describe('workerCampaignMove', () => {
  it('starts a scheduled campaign, and nothing else', () => {
    expect(workerCampaignMove('scheduled', 'start')).toBe('running');
    expect(workerCampaignMove('paused', 'start')).toBeNull();
  });

  it('completes only a running campaign', () => {
    expect(workerCampaignMove('running', 'complete')).toBe('completed');
    expect(workerCampaignMove('paused', 'complete')).toBeNull();
    expect(workerCampaignMove('cancelled', 'complete')).toBeNull();
  });

  it('pauses a scheduled or running campaign for the provider, never a stopped one', () => {
    expect(workerCampaignMove('running', 'pause')).toBe('paused');
    expect(workerCampaignMove('scheduled', 'pause')).toBe('paused');
    expect(workerCampaignMove('cancelled', 'pause')).toBeNull();
    expect(workerCampaignMove('paused', 'pause')).toBeNull();
  });
});

describe('BATCH_MOVES', () => {
  it('only ever moves a batch out of claimed or sending; sent, ambiguous and rejected are final', () => {
    const sources = new Set(Object.values(BATCH_MOVES).map((m) => m.from));
    expect([...sources].sort()).toEqual(['claimed', 'sending']);
  });

  it('never leads back to sent from anywhere but sending', () => {
    expect(Object.values(BATCH_MOVES).filter((m) => m.to === 'sent')).toEqual([{ from: 'sending', to: 'sent' }]);
  });
});
