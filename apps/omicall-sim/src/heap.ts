// Binary min-heap on (due, order): the time-ordered queue behind webhook delivery, so a million
// pending events cost one array slot each and one timer in total.

export type HeapItem = { due: number; order: number };

export function createHeap<T extends HeapItem>() {
  let items: T[] = [];
  const less = (a: T, b: T) => a.due < b.due || (a.due === b.due && a.order < b.order);
  const at = (i: number) => items[i] as T;
  const swap = (i: number, j: number) => {
    const t = at(i);
    items[i] = at(j);
    items[j] = t;
  };
  return {
    get size() {
      return items.length;
    },
    peek(): T | undefined {
      return items[0];
    },
    push(item: T) {
      items.push(item);
      let i = items.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(at(i), at(p))) break;
        swap(i, p);
        i = p;
      }
    },
    pop(): T | undefined {
      if (items.length === 0) return undefined;
      const top = at(0);
      const last = items.pop() as T;
      if (items.length > 0) {
        items[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < items.length && less(at(l), at(m))) m = l;
          if (r < items.length && less(at(r), at(m))) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
    clear() {
      items = [];
    },
  };
}
