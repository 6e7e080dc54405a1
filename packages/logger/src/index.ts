import { pino, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

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

export type LogFormat = 'pretty' | 'json';

// The format `npm start` uses: LOG_FORMAT wins; otherwise a person at a terminal reads pretty
// lines, and anything else (a pipe, a file, a production box) gets JSON for the log shipper. The
// separate roles (`start:api`, `start:worker`) skip this and write JSON unless LOG_FORMAT says otherwise.
export function chooseLogFormat(input: { override?: LogFormat; nodeEnv?: string; isTTY: boolean }): LogFormat {
  if (input.override) return input.override;
  if (input.nodeEnv === 'production') return 'json';
  return input.isTTY ? 'pretty' : 'json';
}

// One line per record (fields after the message), time of day instead of epoch, no pid/hostname.
function prettyStream(destination: pino.DestinationStream | undefined) {
  return pretty({
    colorize: destination ? false : Boolean(process.stdout.isTTY),
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    // Synchronous like pino's own stdout: lines written just before process.exit are not lost.
    sync: true,
    ...(destination ? { destination } : {}),
  });
}

export type CreateLoggerOptions = LoggerOptions & { format?: LogFormat };

export function createLogger(options: CreateLoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  const { format = 'json', ...pinoOptions } = options;
  const settings: LoggerOptions = { level: 'info', redact: { paths: REDACT_PATHS, censor: '[REDACTED]' }, ...pinoOptions };
  if (format === 'pretty') return pino(settings, prettyStream(destination));
  return destination ? pino(settings, destination) : pino(settings);
}
