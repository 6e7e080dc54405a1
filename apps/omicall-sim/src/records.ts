// What the simulator saw: every provider request in order, and how often each phone was dialled.
// The dial registry stays compact for a million phones: one Map entry per phone whose value is a
// session index (or an array of them when dialled more than once), never a per-number object.

export type RequestRecord = {
  seq: number;
  receivedAt: number;
  method: string;
  path: string;
  /** HTTP status of the reply; null while the reply is pending. */
  status: number | null;
  fault: string | null;
  autocallId: string | null;
  name: string | null;
  sendTime: number | null;
  numberCallPerTime: number | null;
  maxRetryOfDetail: number | null;
  retryAfterSeconds: number | null;
  /** True when the simulator dialled this request's numbers (accepted, including the timeout fault). */
  dialled: boolean;
  /** Every number of an executeByPhone request, as received. */
  phoneNumbers: string[];
  /** The reply envelope's status_code (9999 / -9999); null when the reply was not JSON. */
  statusCode: number | null;
  errorCode: string | null;
};

export type DialSummary = { phone: string; count: number; sessions: string[] };

export type Records = ReturnType<typeof createRecords>;

export function createRecords() {
  let requests: RequestRecord[] = [];
  let seq = 0;
  let sessions: string[] = [];
  let dials = new Map<string, number | number[]>();
  let numbersDialled = 0;

  const sessionsOf = (v: number | number[]): string[] =>
    (typeof v === 'number' ? [v] : v).map((i) => sessions[i] ?? '');

  return {
    startRequest(method: string, path: string, receivedAt: number): RequestRecord {
      const record: RequestRecord = {
        seq: ++seq,
        receivedAt,
        method,
        path,
        status: null,
        fault: null,
        autocallId: null,
        name: null,
        sendTime: null,
        numberCallPerTime: null,
        maxRetryOfDetail: null,
        retryAfterSeconds: null,
        dialled: false,
        phoneNumbers: [],
        statusCode: null,
        errorCode: null,
      };
      requests.push(record);
      return record;
    },

    listRequests(filter: { since?: number; path?: string }): RequestRecord[] {
      return requests.filter(
        (r) => (filter.since === undefined || r.seq > filter.since) && (filter.path === undefined || r.path === filter.path),
      );
    },

    requestCountsByPath(): Record<string, number> {
      const counts: Record<string, number> = {};
      for (const r of requests) counts[r.path] = (counts[r.path] ?? 0) + 1;
      return counts;
    },

    /** Registers a session's numbers; returns, per number, how often it had been dialled before. */
    recordDials(autocallId: string, phones: readonly string[]): Uint32Array {
      const idx = sessions.push(autocallId) - 1;
      const attempts = new Uint32Array(phones.length);
      phones.forEach((phone, i) => {
        const prev = dials.get(phone);
        if (prev === undefined) {
          dials.set(phone, idx);
          attempts[i] = 0;
        } else if (typeof prev === 'number') {
          dials.set(phone, [prev, idx]);
          attempts[i] = 1;
        } else {
          attempts[i] = prev.length;
          prev.push(idx);
        }
      });
      numbersDialled += phones.length;
      return attempts;
    },

    dialSummary(filter: { phone?: string; minCount?: number; limit?: number; offset?: number }) {
      const minCount = filter.minCount ?? 1;
      const offset = filter.offset ?? 0;
      const limit = filter.limit ?? 10_000;
      const items: DialSummary[] = [];
      const add = (phone: string, v: number | number[]) => {
        const count = typeof v === 'number' ? 1 : v.length;
        if (count >= minCount) items.push({ phone, count, sessions: sessionsOf(v) });
      };
      if (filter.phone !== undefined) {
        const v = dials.get(filter.phone);
        if (v !== undefined) add(filter.phone, v);
      } else {
        let skipped = 0;
        for (const [phone, v] of dials) {
          if (items.length >= limit) break;
          const count = typeof v === 'number' ? 1 : v.length;
          if (count < minCount) continue;
          if (skipped++ < offset) continue;
          add(phone, v);
        }
      }
      return { uniquePhones: dials.size, numbersDialled, items };
    },

    counts() {
      return { requests: requests.length, uniquePhones: dials.size, numbersDialled, sessions: sessions.length };
    },

    reset() {
      requests = [];
      seq = 0;
      sessions = [];
      dials = new Map();
      numbersDialled = 0;
    },
  };
}
