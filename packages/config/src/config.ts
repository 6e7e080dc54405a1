import { z } from 'zod';

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
const optionalString = z.string().optional().transform((v) => (v === '' ? undefined : v));

// Every variable the service reads. Names are a public contract: add, never rename.
const envSchema = z
  .object({
    DATABASE_URL: url(['postgres:', 'postgresql:']),
    REDIS_URL: url(['redis:', 'rediss:']),
    PORT: int(1, 65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    OMICALL_BASE_URL: optionalString.pipe(url(['http:', 'https:']).optional()),
    OMICALL_API_KEY: optionalString,
    OMICALL_WEBHOOK_SECRET: optionalString.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
    OMICALL_TIMEOUT_MS: int(100, 600_000).default(10_000),
    BOOTSTRAP_API_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    MAX_CALLS_PER_BATCH: int(1, 10_000).default(50),
    DEFAULT_COUNTRY: z.string().length(2).default('VN'),
    // How long a dialled number may wait for its cdr webhook before it becomes no_result.
    OUTCOME_TIMEOUT_SECONDS: int(1, 7 * 86_400).default(1_800),
    QUEUE_PREFIX: z.string().min(1).default('autocall'),
    WORKER_CONCURRENCY: int(1, 1_000).default(20),
    SWEEP_INTERVAL_MS: int(100, 3_600_000).default(5_000),
    // BullMQ lock on a running wake job: a crashed worker's job is taken over once this lapses.
    WORKER_LOCK_MS: int(1_000, 600_000).default(30_000),
    // Requests per minute per API key (per client IP without a key), shared by every API process.
    RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
    // Where the simulator (or a real provider) should send call webhooks for this deployment.
    PUBLIC_BASE_URL: optionalString.pipe(url(['http:', 'https:']).optional()),
    SIM_PORT: int(1, 65535).default(4010),
    // A worker serves Prometheus metrics on this port when set (the API serves them on /metrics).
    METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), int(1, 65535).optional()),
    // Outbound webhooks: attempts before a delivery is given up, and the per-request timeout.
    WEBHOOK_MAX_ATTEMPTS: int(1, 100).default(10),
    WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
    // Outbound webhooks may target loopback/private/link-local addresses (local development only).
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false', '1', '0', '']).default('false').transform((v) => v === 'true' || v === '1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: pretty under `npm start` on a terminal, JSON everywhere else.
    LOG_FORMAT: optionalString.pipe(z.enum(['pretty', 'json']).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.OMICALL_BASE_URL && !env.OMICALL_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OMICALL_API_KEY'], message: 'is required when OMICALL_BASE_URL is set' });
    }
    if (env.OMICALL_BASE_URL && !env.OMICALL_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['OMICALL_WEBHOOK_SECRET'], message: 'is required when OMICALL_BASE_URL is set' });
    }
  });

export type Config = {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  omicall: {
    // undefined: no real provider configured; `npm start` runs the simulator instead.
    baseUrl: string | undefined;
    apiKey: string;
    webhookSecret: string | undefined;
    timeoutMs: number;
  };
  bootstrapApiKey: string | undefined;
  maxCallsPerBatch: number;
  defaultCountry: string;
  outcomeTimeoutSeconds: number;
  queuePrefix: string;
  workerConcurrency: number;
  sweepIntervalMs: number;
  workerLockMs: number;
  rateLimitPerMinute: number;
  publicBaseUrl: string | undefined;
  simPort: number;
  metricsPort: number | undefined;
  webhooks: { maxAttempts: number; timeoutMs: number; allowPrivateTargets: boolean };
  logLevel: string;
  logFormat: 'pretty' | 'json' | undefined;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

// Reads the environment once, at start-up; nothing is parsed at import time.
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const missing = issue.code === 'invalid_type' && env[name] === undefined;
      return `${name} ${missing ? 'is required' : issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    host: e.HOST,
    omicall: {
      baseUrl: e.OMICALL_BASE_URL,
      apiKey: e.OMICALL_API_KEY ?? 'sim-api-key',
      webhookSecret: e.OMICALL_WEBHOOK_SECRET,
      timeoutMs: e.OMICALL_TIMEOUT_MS,
    },
    bootstrapApiKey: e.BOOTSTRAP_API_KEY,
    maxCallsPerBatch: e.MAX_CALLS_PER_BATCH,
    defaultCountry: e.DEFAULT_COUNTRY,
    outcomeTimeoutSeconds: e.OUTCOME_TIMEOUT_SECONDS,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    workerLockMs: e.WORKER_LOCK_MS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    simPort: e.SIM_PORT,
    metricsPort: e.METRICS_PORT,
    webhooks: { maxAttempts: e.WEBHOOK_MAX_ATTEMPTS, timeoutMs: e.WEBHOOK_TIMEOUT_MS, allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}
