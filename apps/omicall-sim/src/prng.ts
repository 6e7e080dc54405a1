// Seeded randomness. Call outcomes are a pure function of (seed, phone, attempt) so a run can be
// replayed exactly; faults draw from one seeded stream in request order.

/** mulberry32: small, fast, good enough for a simulator. Returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over the string, mixed with the seed; a stable 32-bit key. */
export function hashKey(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export type CallOutcome = {
  answered: boolean;
  ringMs: number;
  /** Seconds the customer talked; 0 when not answered. */
  talkSec: number;
  hangupCause: string;
};

const NOT_ANSWERED_CAUSES = ['NO_ANSWER', 'USER_BUSY', 'ORIGINATOR_CANCEL', 'CALL_REJECTED'] as const;

export type OutcomeSettings = { answerRate: number; ringMinMs: number; ringMaxMs: number };

/** `attempt` is how many times the simulator had dialled this phone before (0 for the first call). */
export function decideOutcome(seed: number, phone: string, attempt: number, s: OutcomeSettings): CallOutcome {
  const rng = createRng(hashKey(seed, `${phone}#${attempt}`));
  const answered = rng() < s.answerRate;
  const span = Math.max(0, s.ringMaxMs - s.ringMinMs);
  const ringMs = s.ringMinMs + Math.floor(rng() * (span + 1));
  const talkSec = 5 + Math.floor(rng() * 116);
  const cause = NOT_ANSWERED_CAUSES[Math.floor(rng() * NOT_ANSWERED_CAUSES.length)] ?? 'NO_ANSWER';
  return answered
    ? { answered, ringMs, talkSec, hangupCause: 'NORMAL_CLEARING' }
    : { answered, ringMs, talkSec: 0, hangupCause: cause };
}
