import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger, maskPhone, redactUrl } from './index.ts';

describe('logger', () => {
  it('masks all but the last three digits of a phone number', () => {
    expect(maskPhone('0395187319')).toBe('*******319');
  });

  it('redacts secrets in query strings', () => {
    expect(redactUrl('/v1/providers/omicall/webhook?token=s3cret&x=1')).toBe('/v1/providers/omicall/webhook?token=[REDACTED]&x=1');
  });

  it('never writes an authorization header, api key or token', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    const logger = createLogger({ level: 'info' }, sink);
    logger.info({ req: { headers: { authorization: 'Bearer abc123' } }, apiKey: 'key-456', token: 'tok-789' }, 'hello');
    expect(written).toContain('hello');
    for (const secret of ['abc123', 'key-456', 'tok-789']) expect(written).not.toContain(secret);
  });

  it('writes pretty lines when asked: one line per record, secrets still redacted', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    const logger = createLogger({ level: 'info', name: 'api', format: 'pretty' }, sink);
    logger.info({ statusCode: 201, apiKey: 'key-456' }, 'request completed');
    expect(written.trim().split('\n')).toHaveLength(1);
    expect(written).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO \(api\): request completed \{"statusCode":201,"apiKey":"\[REDACTED\]"\}/);
    expect(written).not.toContain('key-456');
    expect(() => JSON.parse(written)).toThrow();
  });

  it('writes JSON by default', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    createLogger({ name: 'worker' }, sink).info('started');
    expect(JSON.parse(written)).toMatchObject({ name: 'worker', msg: 'started', level: 30 });
  });
});

describe('chooseLogFormat (npm start)', () => {
  it('is pretty on a terminal and JSON when piped', () => {
    expect(chooseLogFormat({ isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: false })).toBe('json');
  });

  it('is JSON in production even on a terminal', () => {
    expect(chooseLogFormat({ isTTY: true, nodeEnv: 'production' })).toBe('json');
  });

  it('LOG_FORMAT overrides both ways', () => {
    expect(chooseLogFormat({ isTTY: true, override: 'json' })).toBe('json');
    expect(chooseLogFormat({ isTTY: false, nodeEnv: 'production', override: 'pretty' })).toBe('pretty');
  });
});
