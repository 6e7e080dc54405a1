/**
 * A seeded PRNG (mulberry32): small, fast and the same stream for the same seed, so that chaos
 * faults and property tests replay exactly. Floats in [0, 1). Not for anything secret.
 * (The simulator keeps its own copy: it depends on no workspace package.)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
