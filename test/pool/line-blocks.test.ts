import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNdjsonLines, type NdjsonLine } from '../../src/http/ndjson.js';
import { BlockBuffers, blockLines, readLineBlocks, type LineBlock, type TooLongLine } from '../../src/pool/line-blocks.js';

const collect = async <T>(source: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

/** The lines of blocks as `readNdjsonLines` gives them; each block's buffer is given back once read, as the CLI does. */
async function linesOf(chunks: Uint8Array[], options: { maxLineBytes: number; blockBytes: number; blockLines: number; buffers?: BlockBuffers }): Promise<NdjsonLine[]> {
  async function* source() {
    // One buffer for every chunk, as fileChunks reads: nothing may be kept from a chunk.
    const scratch = new Uint8Array(Math.max(1, ...chunks.map((c) => c.length)));
    for (const chunk of chunks) {
      scratch.set(chunk);
      yield scratch.subarray(0, chunk.length);
      scratch.fill(0x21);
    }
  }
  const out: NdjsonLine[] = [];
  for await (const item of readLineBlocks(source(), options)) {
    if ('tooLong' in item) out.push({ line: item.tooLong, tooLong: true });
    else {
      out.push(...blockLines(item));
      options.buffers?.give(item.bytes);
    }
  }
  return out;
}

describe('readLineBlocks + blockLines', () => {
  it('give the lines of readNdjsonLines: numbers, blank lines, CRLF, a BOM, too-long lines, a last line without newline', async () => {
    const text = '\uFEFF{"a":1}\r\n\n  \n{"b":2}\n' + 'x'.repeat(40) + '\n{"c":3}\r\n' + 'y'.repeat(50);
    const chunks = [Buffer.from(text.slice(0, 7)), Buffer.from(text.slice(7, 30)), Buffer.from(text.slice(30))];
    const expected = (await collect(readNdjsonLines(chunks, 32))).flat();
    expect(expected.map((l) => l.line)).toEqual([1, 4, 5, 6, 7]);
    expect(await linesOf(chunks, { maxLineBytes: 32, blockBytes: 16, blockLines: 2 })).toEqual(expected);
    expect(await linesOf(chunks, { maxLineBytes: 32, blockBytes: 1 << 16, blockLines: 512 })).toEqual(expected);
  });

  it('agree with readNdjsonLines on any input cut anywhere, with buffers used again', async () => {
    const piece = fc.constantFrom('{"text":"a"}', 'ら', '\r', '\n', '\n', ' ', '\uFEFF', 'x'.repeat(20), '\u3000', '\xff');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(400), { maxLength: 6 }), fc.integer({ min: 4, max: 48 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 5 }), async (pieces, cuts, maxLineBytes, blockBytes, blockLinesMax) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length)).filter((c) => c.length > 0);
        const expected = (await collect(readNdjsonLines(chunks, maxLineBytes))).flat();
        const buffers = new BlockBuffers(blockBytes + 8, 2, false);
        expect(await linesOf(chunks, { maxLineBytes, blockBytes, blockLines: blockLinesMax, buffers })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts blocks of whole lines at the byte or line limit', async () => {
    const input = Array.from({ length: 10 }, (_, i) => `{"i":${i}}\n`).join('');
    const blocks = (await collect(readLineBlocks([Buffer.from(input)], { maxLineBytes: 100, blockBytes: 1 << 10, blockLines: 4 }))) as LineBlock[];
    expect(blocks.map((b) => [b.firstLine, b.lines])).toEqual([[1, 4], [5, 4], [9, 2]]);
    expect(Buffer.from(blocks[1]!.bytes).toString()).toBe('{"i":4}\n{"i":5}\n{"i":6}\n{"i":7}\n');
  });

  it('passes the lines read so far on at once when no more input has arrived', async () => {
    const input = new PassThrough();
    const blocks = readLineBlocks(input, { maxLineBytes: 100, blockBytes: 1 << 16, blockLines: 512 });
    input.write('{"a":1}\n{"b":2}\n{"c"');
    const first = (await blocks.next()).value as LineBlock;
    expect([first.firstLine, first.lines]).toEqual([1, 2]);
    input.end(':3}\n');
    const second = (await blocks.next()).value as LineBlock;
    expect([second.firstLine, Buffer.from(second.bytes).toString()]).toEqual([3, '{"c":3}\n']);
    expect((await blocks.next()).done).toBe(true);
  });

  it('reports a too-long line in its place, after the lines before it', async () => {
    const items = await collect(readLineBlocks([Buffer.from('{"a":1}\n'), Buffer.from('z'.repeat(30)), Buffer.from('z'.repeat(30) + '\n{"b":2}\n')], { maxLineBytes: 40, blockBytes: 1 << 16, blockLines: 512 }));
    expect(items.map((i) => ('tooLong' in i ? `too long ${(i as TooLongLine).tooLong}` : `block ${i.firstLine}+${i.lines}`))).toEqual(['block 1+1', 'too long 2', 'block 3+1']);
  });
});

describe('BlockBuffers', () => {
  it('hands out a given-back buffer again, keeps no more than asked, and never one of another size', () => {
    const buffers = new BlockBuffers(64, 1, true);
    const a = buffers.take(10);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.length).toBe(64);
    buffers.give(a.subarray(0, 5));
    expect(buffers.take(64).buffer).toBe(a.buffer);
    const big = buffers.take(100);
    expect(big.length).toBe(100);
    buffers.give(big);
    expect(buffers.take(1).buffer).not.toBe(big.buffer);
  });
});
