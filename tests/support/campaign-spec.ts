// The campaigns the chaos and browser suites create through @autocall/sdk: one shape, one body.
export type CampaignShape = {
  perBatch: number;
  durationSec: number;
  maxRetry: number;
  retryAfterSec: number;
  // From now; 500 ms unless given.
  startInMs?: number;
  name?: string;
};

// The POST /v1/campaigns body for `phones`, sent `startInMs` from now, with a fixed text script.
export function campaignBody(spec: CampaignShape, phones: string[], defaultName: string) {
  return {
    name: spec.name ?? defaultName,
    sendTime: Date.now() + (spec.startInMs ?? 500),
    scripts: [{ targetType: 'callBotTextVariable' as const, targetValue: 'Xin chào' }],
    numberCallPerTime: spec.perBatch,
    durationOfEachCall: spec.durationSec,
    maxRetryOfDetail: spec.maxRetry,
    retryAfterSeconds: spec.retryAfterSec,
    phoneNumbers: phones,
  };
}
