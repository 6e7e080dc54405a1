import { describe, expect, it } from 'vitest';
import { callWindowsSchema } from '@autocall/domain/schemas';
import { hourState, setHours, weeklyWindows } from './week-grid.ts';

describe('week grid model', () => {
  it('reads any time (null) as every hour allowed, and a left-out day as closed', () => {
    expect(hourState(null, 'sun', 3)).toBe('allowed');
    expect(hourState({ mon: [['08:00', '12:00']] }, 'tue', 9)).toBe('blocked');
    expect(hourState({ mon: [['08:00', '12:00']] }, 'mon', 11)).toBe('allowed');
    expect(hourState({ mon: [['08:30', '12:00']] }, 'mon', 8)).toBe('partial');
  });

  it('turns hours on and off as merged API ranges, keeping windows not on the hour', () => {
    const start = { mon: [['08:30', '12:00']] } as const;
    const added = setHours(start as never, 'mon', [12, 13], true);
    expect(added).toEqual({ mon: [['08:30', '14:00']] });
    expect(setHours(added, 'mon', [10], false)).toEqual({ mon: [['08:30', '10:00'], ['11:00', '14:00']] });
    expect(callWindowsSchema.safeParse(setHours(added, 'mon', [10], false)).success).toBe(true);
  });

  it('starts from the whole week when the campaign may call at any time, and gives null back when all is allowed', () => {
    const closedSunday = setHours(null, 'sun', Array.from({ length: 24 }, (_, h) => h), false);
    expect(closedSunday).not.toHaveProperty('sun');
    expect(closedSunday?.mon).toEqual([['00:00', '24:00']]);
    expect(setHours(closedSunday, 'sun', Array.from({ length: 24 }, (_, h) => h), true)).toBeNull();
  });

  it('an empty week is {} (the API refuses it)', () => {
    const only = setHours({ mon: [['08:00', '09:00']] }, 'mon', [8], false);
    expect(only).toEqual({});
    expect(callWindowsSchema.safeParse(only).success).toBe(false);
  });

  it('builds presets', () => {
    expect(weeklyWindows(['mon', 'fri'], 8, 17)).toEqual({ mon: [['08:00', '17:00']], fri: [['08:00', '17:00']] });
    expect(weeklyWindows(['sat'], 20, 24)).toEqual({ sat: [['20:00', '24:00']] });
  });
});
