import { PassThrough, Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapLineBlocks, type BlockMapper } from '../../src/cli/map-lines.js';
import { blockLines } from '../../src/pool/line-blocks.js';

const collect = () => {
  const chunks: string[] = [];
  const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
  return { out, text: () => chunks.join('') };
};
/** Each line as "number:text", a too-long one as "number:too long". */
const echo: BlockMapper = (item) => ('tooLong' in item ? `${item.tooLong}:too long\n` : blockLines(item).map((l) => `${l.line}:${'text' in l ? l.text : ''}\n`).join(''));
/** One line per block, so that blocks can finish out of order. */
const options = (maxLineBytes: number, window = 1) => ({ maxLineBytes, blockBytes: 1 << 16, blockLines: 1, window });

describe('mapLineBlocks', () => {
  it('maps non-blank lines with their 1-based numbers, blank lines counted', async () => {
    const { out, text } = collect();
    await mapLineBlocks(Readable.from(['a\n\nb\r\n', 'c']), out, echo, { ...options(100), blockLines: 512 });
    expect(text()).toBe('1:a\n3:b\n4:c\n');
  });

  it('hands a too-long line to the mapper without its text', async () => {
    const { out, text } = collect();
    await mapLineBlocks(Readable.from(['short\n', 'x'.repeat(200), '\nok\n']), out, echo, options(64));
    expect(text()).toBe('1:short\n2:too long\n3:ok\n');
  });

  it('keeps input order when an async mapper finishes out of order', async () => {
    const { out, text } = collect();
    const slowFirst: BlockMapper = async (item) => {
      await sleep('tooLong' in item || item.firstLine !== 1 ? 1 : 30);
      return echo(item);
    };
    await mapLineBlocks(Readable.from(['slow\nfast\nfaster\n']), out, slowFirst, options(100, 3));
    expect(text()).toBe('1:slow\n2:fast\n3:faster\n');
  });

  it('rethrows a failed mapping in its turn', async () => {
    const failing: BlockMapper = async (item) => {
      if (!('tooLong' in item) && item.firstLine === 2) throw new Error('pool died');
      return echo(item);
    };
    await expect(mapLineBlocks(Readable.from(['a\nb\nc\n']), collect().out, failing, options(100, 2))).rejects.toThrow('pool died');
  });

  it('stops reading while the output is full', async () => {
    let mapped = 0;
    const input = new PassThrough();
    // An output that never drains: after its buffer fills, mapping must stop too.
    const stuck = new Writable({ highWaterMark: 1024, write: () => {} });
    void mapLineBlocks(input, stuck, (item) => (mapped++, `${'y'.repeat(512)}${'tooLong' in item ? item.tooLong : item.firstLine}\n`), options(100));
    for (let i = 0; i < 2000; i++) input.write(`line ${i}\n`);
    await sleep(50);
    expect(mapped).toBeLessThan(2000);
    input.destroy();
  });
});
