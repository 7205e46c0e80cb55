/** A list held by the sidebar: the pages loaded so far (newest first) and where the next one starts. */
export interface PagedList<T> {
  items: T[];
  /** the server's cursor of the page after the last item held; null when everything is held */
  nextCursor: string | null;
}

interface Positioned {
  id: string;
  updatedAt: number;
}

/** Whether `a` comes after `b` in the server's order: updatedAt, then id, both descending. */
function comesAfter(a: Positioned, b: Positioned): boolean {
  return a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.id < b.id);
}

function sameRow<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * A freshly read first page laid over the list held: the first page replaces the head (a conversation that
 * moved to the top, a new one, a renamed one), and the rows held beyond it stay loaded. Rows whose data
 * did not change keep their object, so their memoized rows do not re-render after a send. A held row
 * that the fresh page now places elsewhere is dropped from the tail.
 */
export function mergeFirstPage<T extends Positioned>(held: PagedList<T>, first: PagedList<T>): PagedList<T> {
  const heldById = new Map(held.items.map((i) => [i.id, i]));
  const items = first.items.map((i) => {
    const before = heldById.get(i.id);
    return before && sameRow(before, i) ? before : i;
  });
  const last = items.at(-1);
  if (first.nextCursor === null || !last) return { items, nextCursor: first.nextCursor };
  const inFirst = new Set(items.map((i) => i.id));
  const tail = held.items.filter((i) => !inFirst.has(i.id) && comesAfter(i, last));
  return tail.length === 0
    ? { items, nextCursor: first.nextCursor }
    : { items: [...items, ...tail], nextCursor: held.nextCursor };
}

/** The next page appended; rows already held (moved since) are not shown twice. */
export function appendPage<T extends Positioned>(held: PagedList<T>, next: PagedList<T>): PagedList<T> {
  const ids = new Set(held.items.map((i) => i.id));
  return { items: [...held.items, ...next.items.filter((i) => !ids.has(i.id))], nextCursor: next.nextCursor };
}
