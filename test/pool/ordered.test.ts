import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapInOrder } from '../../src/pool/ordered.js';

async function* from<T>(items: readonly T[], delayMs = 0): AsyncGenerator<T> {
  for (const item of items) {
    if (delayMs > 0) await sleep(delayMs);
    yield item;
  }
}

const collect = async <T>(source: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

describe('mapInOrder', () => {
  it('yields results in input order when mappings finish out of order', async () => {
    const delays = [30, 1, 20, 5, 0, 10];
    const out = await collect(mapInOrder(from(delays.map((d, i) => ({ d, i }))), async ({ d, i }) => (await sleep(d), i), 4));
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never has more than `window` mappings pending', async () => {
    let running = 0;
    let most = 0;
    const out = await collect(mapInOrder(from(Array.from({ length: 20 }, (_, i) => i)), async (i) => {
      most = Math.max(most, ++running);
      await sleep(i % 3);
      running--;
      return i;
    }, 3));
    expect(out).toHaveLength(20);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('yields a finished result while the source is still waiting for its next item', async () => {
    const gate: { open?: () => void } = {};
    async function* slowSource(): AsyncGenerator<number> {
      yield 1;
      await new Promise<void>((resolve) => (gate.open = resolve));
      yield 2;
    }
    const it = mapInOrder(slowSource(), (i) => i * 10, 4);
    expect((await it.next()).value).toBe(10); // before the source produced its second item
    gate.open!();
    expect((await it.next()).value).toBe(20);
    expect((await it.next()).done).toBe(true);
  });

  it('rethrows a failed mapping in its turn, after the results before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const i of mapInOrder(from([1, 2, 3, 4]), async (i) => {
        if (i === 3) throw new Error('worker died');
        await sleep(5);
        return i;
      }, 4)) seen.push(i);
    };
    await expect(run()).rejects.toThrow('worker died');
    expect(seen).toEqual([1, 2]);
  });

  it('rethrows a failing source', async () => {
    async function* broken(): AsyncGenerator<number> {
      yield 1;
      throw new Error('socket reset');
    }
    await expect(collect(mapInOrder(broken(), (i) => i, 2))).rejects.toThrow('socket reset');
  });

  it('stops reading the source when the consumer stops pulling', async () => {
    let read = 0;
    async function* counting(): AsyncGenerator<number> {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield i;
      }
    }
    const it = mapInOrder(counting(), (i) => i, 2);
    await it.next();
    await sleep(20);
    expect(read).toBeLessThanOrEqual(4);
    await it.return(undefined);
  });
});
