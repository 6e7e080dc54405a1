// Group commit: concurrent callers' items are written together, so N webhooks arriving at once
// cost one transaction instead of N. No timer: while a write is in flight, new items queue up and
// go in the next one, so a lone webhook is written at once and a burst batches itself.
export function createGroupCommit<T>(
  write: (items: T[]) => Promise<void>,
  options: { maxItems: number; maxConcurrent: number },
) {
  type Waiter = { items: T[]; resolve: () => void; reject: (error: unknown) => void };
  const queue: Waiter[] = [];
  let inFlight = 0;

  async function writeGroup(group: Waiter[]) {
    try {
      await write(group.flatMap((w) => w.items));
      for (const w of group) w.resolve();
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // One bad item must not fail its neighbours: fall back to writing each caller alone.
      for (const w of group) await write(w.items).then(w.resolve, w.reject);
    }
  }

  function pump() {
    while (inFlight < options.maxConcurrent && queue.length > 0) {
      const group: Waiter[] = [];
      let size = 0;
      while (queue.length > 0 && (group.length === 0 || size + queue[0]!.items.length <= options.maxItems)) {
        const next = queue.shift()!;
        size += next.items.length;
        group.push(next);
      }
      inFlight += 1;
      void writeGroup(group).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return {
    add(items: T[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        pump();
      });
    },
  };
}
