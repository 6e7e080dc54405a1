import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';

// Run-time adjustable behaviour (GET/PUT /_sim/faults). Rates are probabilities in [0, 1].
export const faultsSchema = z.object({
  errorRate: z.number().min(0).max(1),
  rate429: z.number().min(0).max(1),
  retryAfterSeconds: z.number().min(0).nullable(),
  latencyMs: z.number().int().min(0),
  timeoutRate: z.number().min(0).max(1),
  timeoutMs: z.number().int().min(0),
  tokenExpireRate: z.number().min(0).max(1),
  malformedRate: z.number().min(0).max(1),
  businessError: z.string().min(1).nullable(),
  webhookDuplicateRate: z.number().min(0).max(1),
  webhookDelayMs: z.number().int().min(0),
  webhookShuffle: z.boolean(),
  webhookUnknownRate: z.number().min(0).max(1),
  answerRate: z.number().min(0).max(1),
  ringMinMs: z.number().int().min(0),
  ringMaxMs: z.number().int().min(0),
  webhookUrl: z.url().nullable(),
  liveEvents: z.boolean(),
});
export type SimFaults = z.infer<typeof faultsSchema>;

export const faultsPatchSchema = faultsSchema.partial().strict();
export type SimFaultsPatch = z.infer<typeof faultsPatchSchema>;

export type SimOptions = {
  apiKey: string;
  seed: number;
  /** Maximum numberCallPerTime (the plan's concurrent calls). */
  ccu: number;
  tokenTtlSeconds: number;
  faults: SimFaults;
  /** Injectable clock (ms); tests use it to expire tokens without sleeping. */
  now?: () => number;
  /** Fastify logger option: true / false / a pino options object. */
  logger?: boolean | Record<string, unknown>;
  /** A ready logger instead (`npm start` shares its own, so the simulator's lines look like the rest). */
  loggerInstance?: FastifyBaseLogger;
  /** Largest accepted request body; a million numbers is about 14 MB of JSON. */
  bodyLimitBytes?: number;
  /** Concurrent webhook POSTs. */
  webhookConcurrency?: number;
};

export const defaultFaults: SimFaults = {
  errorRate: 0,
  rate429: 0,
  retryAfterSeconds: null,
  latencyMs: 0,
  timeoutRate: 0,
  timeoutMs: 60_000,
  tokenExpireRate: 0,
  malformedRate: 0,
  businessError: null,
  webhookDuplicateRate: 0,
  webhookDelayMs: 0,
  webhookShuffle: false,
  webhookUnknownRate: 0,
  answerRate: 0.6,
  ringMinMs: 3000,
  ringMaxMs: 15_000,
  webhookUrl: null,
  liveEvents: false,
};

/** Options for tests: instant calls, no webhooks, no faults, quiet logger. */
export function simOptions(overrides: Partial<Omit<SimOptions, 'faults'>> & { faults?: SimFaultsPatch } = {}): SimOptions {
  const { faults, ...rest } = overrides;
  return {
    apiKey: 'sim-api-key',
    seed: 1,
    ccu: 50,
    tokenTtlSeconds: 86_400,
    logger: false,
    ...rest,
    faults: { ...defaultFaults, ringMinMs: 0, ringMaxMs: 0, ...faults },
  };
}

const rate = z.coerce.number().min(0).max(1);
const ms = z.coerce.number().int().min(0);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  SIM_PORT: optional(z.coerce.number().int().min(0).max(65_535)).default(4010),
  SIM_HOST: optional(z.string()).default('127.0.0.1'),
  SIM_API_KEY: optional(z.string().min(1)).default('sim-api-key'),
  SIM_WEBHOOK_URL: optional(z.url()),
  SIM_SEED: optional(z.coerce.number().int()).default(1),
  SIM_ANSWER_RATE: optional(rate).default(0.6),
  SIM_RING_MIN_MS: optional(ms).default(3000),
  SIM_RING_MAX_MS: optional(ms).default(15_000),
  SIM_CCU: optional(z.coerce.number().int().min(1)).default(50),
  SIM_TOKEN_TTL_SECONDS: optional(z.coerce.number().int().min(1)).default(86_400),
  SIM_LIVE_EVENTS: optional(flag).default(false),
  SIM_FAULT_ERROR_RATE: optional(rate).default(0),
  SIM_FAULT_429_RATE: optional(rate).default(0),
  SIM_FAULT_RETRY_AFTER_SECONDS: optional(z.coerce.number().min(0)),
  SIM_FAULT_LATENCY_MS: optional(ms).default(0),
  SIM_FAULT_TIMEOUT_RATE: optional(rate).default(0),
  SIM_FAULT_TIMEOUT_MS: optional(ms).default(60_000),
  SIM_FAULT_TOKEN_EXPIRE_RATE: optional(rate).default(0),
  SIM_FAULT_MALFORMED_RATE: optional(rate).default(0),
  SIM_FAULT_BUSINESS_ERROR: optional(z.string().min(1)),
  SIM_WEBHOOK_DUPLICATE_RATE: optional(rate).default(0),
  SIM_WEBHOOK_DELAY_MS: optional(ms).default(0),
  SIM_WEBHOOK_SHUFFLE: optional(flag).default(false),
  SIM_WEBHOOK_UNKNOWN_RATE: optional(rate).default(0),
  SIM_LOG_LEVEL: optional(z.string()).default('info'),
});

export type SimEnvConfig = { port: number; host: string; options: SimOptions };

/** Reads the SIM_* environment; throws one error listing every bad variable. */
export function loadSimConfig(env: Record<string, string | undefined> = process.env): SimEnvConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid simulator environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  if (e.SIM_RING_MAX_MS < e.SIM_RING_MIN_MS) {
    throw new Error('invalid simulator environment: SIM_RING_MAX_MS must be >= SIM_RING_MIN_MS');
  }
  return {
    port: e.SIM_PORT,
    host: e.SIM_HOST,
    options: {
      apiKey: e.SIM_API_KEY,
      seed: e.SIM_SEED,
      ccu: e.SIM_CCU,
      tokenTtlSeconds: e.SIM_TOKEN_TTL_SECONDS,
      logger: { level: e.SIM_LOG_LEVEL },
      faults: {
        errorRate: e.SIM_FAULT_ERROR_RATE,
        rate429: e.SIM_FAULT_429_RATE,
        retryAfterSeconds: e.SIM_FAULT_RETRY_AFTER_SECONDS ?? null,
        latencyMs: e.SIM_FAULT_LATENCY_MS,
        timeoutRate: e.SIM_FAULT_TIMEOUT_RATE,
        timeoutMs: e.SIM_FAULT_TIMEOUT_MS,
        tokenExpireRate: e.SIM_FAULT_TOKEN_EXPIRE_RATE,
        malformedRate: e.SIM_FAULT_MALFORMED_RATE,
        businessError: e.SIM_FAULT_BUSINESS_ERROR ?? null,
        webhookDuplicateRate: e.SIM_WEBHOOK_DUPLICATE_RATE,
        webhookDelayMs: e.SIM_WEBHOOK_DELAY_MS,
        webhookShuffle: e.SIM_WEBHOOK_SHUFFLE,
        webhookUnknownRate: e.SIM_WEBHOOK_UNKNOWN_RATE,
        answerRate: e.SIM_ANSWER_RATE,
        ringMinMs: e.SIM_RING_MIN_MS,
        ringMaxMs: e.SIM_RING_MAX_MS,
        webhookUrl: e.SIM_WEBHOOK_URL ?? null,
        liveEvents: e.SIM_LIVE_EVENTS,
      },
    },
  };
}
