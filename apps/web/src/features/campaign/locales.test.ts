import { describe, expect, it } from 'vitest';
import enCampaign from '@/locales/en/campaign.json';
import enCampaigns from '@/locales/en/campaigns.json';
import viCampaign from '@/locales/vi/campaign.json';
import viCampaigns from '@/locales/vi/campaigns.json';

// Every key path of a catalogue, plural forms folded (Vietnamese has one form, English two).
function keys(messages: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(messages)
    .flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key.replace(/_(zero|one|other)$/, '')}`]))
    .filter((key, index, all) => all.indexOf(key) === index)
    .sort();
}

describe('campaign catalogues', () => {
  it('say everything in both languages', () => {
    expect(keys(viCampaign)).toEqual(keys(enCampaign));
    expect(keys(viCampaigns)).toEqual(keys(enCampaigns));
  });
});
