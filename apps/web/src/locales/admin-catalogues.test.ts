import { describe, expect, it } from 'vitest';
import enApiKeys from './en/api-keys.json';
import enSecret from './en/secret.json';
import enSuppressions from './en/suppressions.json';
import enWebhooks from './en/webhooks.json';
import viApiKeys from './vi/api-keys.json';
import viSecret from './vi/secret.json';
import viSuppressions from './vi/suppressions.json';
import viWebhooks from './vi/webhooks.json';

// Every English string of the admin pages has its Vietnamese one (and no stray extra). Plural
// forms count as one key: English has _one/_other, Vietnamese only _other.
function keys(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`.replace(/_(zero|one|two|few|many|other)$/, '')],
  );
}
const unique = (list: string[]) => [...new Set(list)].sort();

describe('admin catalogues', () => {
  it.each([
    ['suppressions', enSuppressions, viSuppressions],
    ['webhooks', enWebhooks, viWebhooks],
    ['api-keys', enApiKeys, viApiKeys],
    ['secret', enSecret, viSecret],
  ])('%s: the same keys in English and Vietnamese, none left empty', (_name, en, vi) => {
    expect(unique(keys(vi))).toEqual(unique(keys(en)));
    const empty = (catalogue: object) => keys(catalogue).filter((key) => key.split('.').reduce<any>((node, part) => node?.[part] ?? node?.[`${part}_other`], catalogue) === '');
    expect(empty(vi)).toEqual([]);
  });
});
