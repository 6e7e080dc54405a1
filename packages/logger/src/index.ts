import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// Paths whose values must never reach a log line in full.
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'req.query.token',
  'req.query.apiKey',
  'headers.authorization',
  'apiKey',
  'token',
  'accessToken',
  'access_token',
  'secret',
  '*.apiKey',
  '*.token',
  '*.access_token',
  '*.secret',
];

// Phone numbers are masked, not removed: the last digits let support find a call.
export function maskPhone(phone: string): string {
  const digits = String(phone);
  if (digits.length <= 3) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 3) + digits.slice(-3);
}

// Strips query strings that may carry secrets (webhook token, apiKey) from logged URLs.
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|apiKey|api_key)=)[^&]*/gi, '$1[REDACTED]');
}

export function createLogger(options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  const settings: LoggerOptions = { level: 'info', redact: { paths: REDACT_PATHS, censor: '[REDACTED]' }, ...options };
  return destination ? pino(settings, destination) : pino(settings);
}
