/**
 * Sizing the chunks a pool works on. Input arrives in whatever pieces the socket or file
 * gives (a 16 KiB network read holds ~15 lines of ~300-character messages); a pool task
 * wants a few hundred lines, or its round trip costs more than the work it carries.
 */

const NOT_YET = Symbol('not yet');

/**
 * Regroups `groups` into arrays of at most `max` items: long groups are cut, and groups that
 * are already waiting are merged. A group is never held back to wait for more: when the next
 * one has not arrived by the end of the current turn of the event loop, what is there goes
 * out, so a client that sends one line and waits for its answer gets it at once.
 * @example for await (const lines of rechunk(readNdjsonLines(body, limit), 256)) …
 */
export async function* rechunk<T>(groups: AsyncIterable<T[]>, max: number): AsyncGenerator<T[]> {
  const size = Math.max(1, max);
  const iterator = groups[Symbol.asyncIterator]();
  let carry: T[] = [];
  let next: Promise<IteratorResult<T[]>> | null = null;
  let done = false;
  try {
    for (;;) {
      next ??= iterator.next();
      const read = carry.length === 0 ? await next : await Promise.race([next, new Promise<typeof NOT_YET>((resolve) => setImmediate(resolve, NOT_YET))]);
      if (read === NOT_YET) {
        yield carry;
        carry = [];
        continue;
      }
      next = null;
      if (read.done === true) break;
      carry = carry.length === 0 ? read.value : carry.concat(read.value);
      while (carry.length >= size) {
        yield carry.length === size ? carry : carry.slice(0, size);
        carry = carry.length === size ? [] : carry.slice(size);
      }
    }
    done = true;
    if (carry.length > 0) yield carry;
  } finally {
    if (!done) {
      next?.catch(() => {});
      void Promise.resolve(iterator.return?.()).catch(() => {});
    }
  }
}
