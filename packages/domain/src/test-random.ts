import { mulberry32 } from './random.ts';

/** Seeded PRNG for property tests, so a failure reproduces. Test-only; not exported from the package. */
export const seededRandom = mulberry32;

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function randomDigits(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String(Math.floor(random() * 10));
  return s;
}
