import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone, redactUrl } from './index.ts';

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
});
