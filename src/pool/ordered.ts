/**
 * In-order mapping with a bounded window: the backbone of batch scanning on a pool. Items
 * are mapped concurrently (on worker threads), results come out in input order, and no more
 * than `window` mappings are ever pending, so a fast reader of a slow writer (or the other
 * way round) holds a bounded amount of memory.
 */

/**
 * Maps `source` through `map`, at most `window` mappings pending, and yields the results in
 * source order. A result is yielded as soon as it and all before it are done, even while the
 * source has nothing new (an NDJSON client that waits for each answer is never starved). A
 * failed mapping is rethrown in its turn. Nothing more is read from `source` while the
 * consumer is not pulling and the window is full.
 * @example for await (const text of mapInOrder(chunks, (lines) => pool.run(lines), 4)) write(text)
 */
export async function* mapInOrder<T, R>(source: AsyncIterable<T>, map: (item: T) => R | Promise<R>, window: number): AsyncGenerator<R> {
  const size = Math.max(1, window);
  const iterator = source[Symbol.asyncIterator]();
  const pending: Promise<R>[] = [];
  // The read in progress, settled either way so that one left behind by a race cannot reject unheard.
  let next: Promise<{ read: IteratorResult<T> } | { error: unknown }> | null = null;
  let done = false;
  const start = (item: T): void => {
    const mapped = Promise.resolve().then(() => map(item));
    // Rethrown when its turn comes; until then it must not count as unhandled.
    mapped.catch(() => {});
    pending.push(mapped);
  };
  const take = (outcome: { read: IteratorResult<T> } | { error: unknown }): void => {
    next = null;
    if ('error' in outcome) throw outcome.error;
    if (outcome.read.done === true) done = true;
    else start(outcome.read.value);
  };
  try {
    while (!done || pending.length > 0) {
      if (!done && pending.length < size) {
        next ??= iterator.next().then((read) => ({ read }), (error: unknown) => ({ error }));
        if (pending.length === 0) {
          take(await next);
          continue;
        }
        // Whichever comes first: the next item, or the oldest result.
        const first = await Promise.race([next, pending[0]!.then(() => null, () => null)]);
        if (first !== null) {
          take(first);
          continue;
        }
      }
      yield await pending.shift()!;
    }
  } finally {
    // Stopped early (the consumer broke off, a mapping or the source failed): release the source.
    if (!done) void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}
