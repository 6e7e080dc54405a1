export { QUEUE_NAMES, WAKE_LEAD_MS, jobCatalog, campaignWakeSchema, campaignWakeJobId } from './catalog.ts';
export type { CampaignWake } from './catalog.ts';
export { createQueues, createRedisConnection, scheduleCampaignWakes } from './queues.ts';
export type { Queues, RedisConnection } from './queues.ts';
export { removeCampaignWakes } from './remove-wakes.ts';
