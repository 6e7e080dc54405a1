import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from './send-time.ts';

describe('send time in the campaign zone', () => {
  it('reads and writes wall time of the zone, whatever the browser zone', () => {
    const at = Date.UTC(2030, 5, 12, 2, 0);
    expect(toZonedInput(at, 'Asia/Ho_Chi_Minh')).toBe('2030-06-12T09:00');
    expect(fromZonedInput('2030-06-12T09:00', 'Asia/Ho_Chi_Minh')).toBe(at);
    expect(fromZonedInput('2030-06-12T09:00', 'Europe/Paris')).toBe(Date.UTC(2030, 5, 12, 7, 0));
  });

  it('gives nothing for an empty or broken value', () => {
    expect(fromZonedInput('', 'Asia/Ho_Chi_Minh')).toBeUndefined();
    expect(toZonedInput(0, 'Mars/Olympus')).toBe('');
  });
});
