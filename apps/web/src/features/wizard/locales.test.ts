import { describe, expect, it } from 'vitest';
import en from '@/locales/en/wizard.json';
import vi from '@/locales/vi/wizard.json';

// Every key path of a catalogue, plural forms folded (English has _one and _other, Vietnamese _other).
function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key.replace(/_(one|other)$/, '')}`],
  );
}

describe('wizard catalogues', () => {
  it('Vietnamese words every English string, and no more', () => {
    expect([...new Set(keys(vi))].toSorted()).toEqual([...new Set(keys(en))].toSorted());
  });

  it('keeps the public English names of issue 11', () => {
    expect(en.numbers).toMatchObject({ name: 'Name', phones: 'Phone numbers', upload: 'Upload a file' });
    expect(en.script).toMatchObject({ type: 'Script type', text: 'Text to speak' });
    expect(en.pacing).toMatchObject({
      numberCallPerTime: 'Numbers per batch',
      durationOfEachCall: 'Seconds between batches',
      maxRetryOfDetail: 'Retries',
      retryAfterSeconds: 'Retry after (seconds)',
    });
    expect(en.nav).toMatchObject({ next: 'Next', back: 'Back', create: 'Create campaign' });
    expect(en.preview).toMatchObject({ accepted: 'accepted', duplicated: 'duplicated', invalid: 'invalid', suppressed: 'suppressed' });
  });
});
