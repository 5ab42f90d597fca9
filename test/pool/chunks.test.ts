import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rechunk } from '../../src/pool/chunks.js';

async function* ready<T>(groups: T[][]): AsyncGenerator<T[]> {
  yield* groups;
}

const collect = async <T>(source: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

describe('rechunk', () => {
  it('merges groups that are already waiting, up to the limit', async () => {
    expect(await collect(rechunk(ready([[1, 2], [3], [4, 5, 6], [7]]), 4))).toEqual([[1, 2, 3, 4], [5, 6, 7]]);
  });

  it('cuts long groups', async () => {
    expect(await collect(rechunk(ready([[1, 2, 3, 4, 5, 6, 7]]), 3))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('passes a group on at once when the next one has not arrived', async () => {
    const input = new PassThrough({ objectMode: true });
    const chunks = rechunk<number>(input, 100);
    input.write([1, 2]);
    expect((await chunks.next()).value).toEqual([1, 2]);
    input.write([3]);
    input.end();
    expect((await chunks.next()).value).toEqual([3]);
    expect((await chunks.next()).done).toBe(true);
  });
});
