import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, formatPercent } from './format.ts';

const AT = Date.UTC(2030, 5, 12, 2, 0, 0);

describe('formatDateTime', () => {
  it('shows the moment in the given zone and names the zone', () => {
    expect(formatDateTime(AT, 'Asia/Ho_Chi_Minh', 'en')).toMatch(/^Jun 12, 2030, 9:00\sAM \(Asia\/Ho_Chi_Minh\)$/);
    expect(formatDateTime(AT, 'Europe/Paris', 'en')).toContain('4:00');
    expect(formatDateTime(AT, 'Asia/Ho_Chi_Minh', 'vi')).toContain('(Asia/Ho_Chi_Minh)');
  });

  it('shows a dash for a zone luxon does not know', () => {
    expect(formatDateTime(AT, 'Mars/Olympus', 'en')).toBe('—');
  });
});

describe('number formatting', () => {
  it('follows the locale', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatPercent(0.4567, 'en')).toBe('45.7%');
    expect(formatPercent(0.4567, 'vi')).toBe('45,7%');
  });
});
