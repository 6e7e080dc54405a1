import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

describe('createGroupCommit', () => {
  it('writes a lone item at once and batches items that arrive while a write is in flight', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const group = createGroupCommit<number>(
      async (items) => {
        writes.push(items);
        if (writes.length === 1) await gate;
      },
      { maxItems: 100, maxConcurrent: 1 },
    );
    const first = group.add([1]);
    const rest = [group.add([2]), group.add([3, 4])];
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('isolates a failing caller from the others in its group', async () => {
    const group = createGroupCommit<number>(
      async (items) => {
        if (items.includes(-1)) throw new Error('bad item');
      },
      { maxItems: 100, maxConcurrent: 1 },
    );
    // [0] is written at once; the next three queue behind it and are written as one group.
    const blocker = group.add([0]);
    const results = await Promise.allSettled([blocker, group.add([1]), group.add([-1]), group.add([2])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
