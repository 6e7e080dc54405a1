// A batch's life on the way out. Every write of a batch's status names the status it expects to
// find (`UPDATE ... WHERE id = $1 AND status = <from>`): a write that finds another one lost a
// race (a late provider reply after the lease lapsed, a pause) and changes nothing.
export const BATCH_STATUSES = ['claimed', 'sending', 'sent', 'ambiguous', 'rejected'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_MOVES = {
  // The request is about to leave: from here on a crash makes the batch ambiguous.
  send: { from: 'claimed', to: 'sending' },
  // The provider took it.
  accept: { from: 'sending', to: 'sent' },
  // The provider certainly did not take it and asked for a later try: the same numbers go again.
  retry: { from: 'sending', to: 'claimed' },
  // The provider refused it for good, or kept failing: the numbers go back to the pool.
  refuse: { from: 'sending', to: 'rejected' },
  // The request may have left and no reply says what happened (lost reply, lost lease).
  lose: { from: 'sending', to: 'ambiguous' },
  // Claimed but never sent: given back on pause or cancel, or when every number was suppressed.
  release: { from: 'claimed', to: 'rejected' },
} as const satisfies Record<string, { from: BatchStatus; to: BatchStatus }>;

export type BatchMove = keyof typeof BATCH_MOVES;
