import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNdjsonLines, type NdjsonLine } from '../../src/http/ndjson.js';

async function collect(chunks: (string | Buffer)[], maxLineBytes = 1024): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const group of readNdjsonLines(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)), maxLineBytes)) out.push(...group);
  return out;
}

describe('readNdjsonLines', () => {
  it.each<[string, string[], NdjsonLine[]]>([
    ['lines in one chunk', ['a\nb\n'], [{ line: 1, text: 'a' }, { line: 2, text: 'b' }]],
    ['last line without newline', ['a\nb'], [{ line: 1, text: 'a' }, { line: 2, text: 'b' }]],
    ['line split across chunks', ['{"te', 'xt":"x"}\n'], [{ line: 1, text: '{"text":"x"}' }]],
    ['CRLF', ['a\r\nb\r\n'], [{ line: 1, text: 'a' }, { line: 2, text: 'b' }]],
    ['blank lines skipped but counted', ['a\n\n  \nb\n'], [{ line: 1, text: 'a' }, { line: 4, text: 'b' }]],
    ['byte-order mark on the first line', ['\uFEFFa\n'], [{ line: 1, text: 'a' }]],
    ['empty input', [], []],
  ])('%s', async (_name, chunks, expected) => {
    expect(await collect(chunks)).toEqual(expected);
  });

  it('splits UTF-8 characters cut across chunks correctly', async () => {
    const bytes = Buffer.from('連絡先\nです\n');
    expect(await collect([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual([{ line: 1, text: '連絡先' }, { line: 2, text: 'です' }]);
  });

  it('reports a line over the limit and goes on', async () => {
    expect(await collect(['short\n', 'x'.repeat(6), 'x'.repeat(6), '\nok\n'], 10)).toEqual([
      { line: 1, text: 'short' },
      { line: 2, tooLong: true },
      { line: 3, text: 'ok' },
    ]);
  });

  it('a line of exactly the limit passes', async () => {
    expect(await collect(['x'.repeat(10) + '\n'], 10)).toEqual([{ line: 1, text: 'x'.repeat(10) }]);
  });

  it('gives the same lines however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, cuts) => {
          const input = Buffer.from(lines.join('\n'));
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let from = 0;
          for (const p of [...points, input.length]) {
            chunks.push(input.subarray(from, p));
            from = p;
          }
          expect(await collect(chunks, 1 << 20)).toEqual(await collect([input], 1 << 20));
        },
      ),
    );
  });
});
