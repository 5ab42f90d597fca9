import { PassThrough, Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapLines, type LineMapper } from '../../src/cli/map-lines.js';

const collect = () => {
  const chunks: string[] = [];
  const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
  return { out, text: () => chunks.join('') };
};
const echo: LineMapper = (l) => ('text' in l ? `${l.line}:${l.text}\n` : `${l.line}:too long\n`);

describe('mapLines', () => {
  it('maps non-blank lines with their 1-based numbers, blank lines counted', async () => {
    const { out, text } = collect();
    await mapLines(Readable.from(['a\n\nb\r\n', 'c']), out, echo, { maxLineBytes: 100 });
    expect(text()).toBe('1:a\n3:b\n4:c\n');
  });

  it('hands a too-long line to the mapper without its text', async () => {
    const { out, text } = collect();
    await mapLines(Readable.from(['short\n', 'x'.repeat(200), '\nok\n']), out, echo, { maxLineBytes: 64 });
    expect(text()).toBe('1:short\n2:too long\n3:ok\n');
  });

  it('keeps input order when an async mapper finishes out of order', async () => {
    const { out, text } = collect();
    const slowFirst: LineMapper = async (l) => {
      await sleep('text' in l && l.text === 'slow' ? 30 : 1);
      return echo(l);
    };
    await mapLines(Readable.from(['slow\nfast\nfaster\n']), out, slowFirst, { maxLineBytes: 100, inFlight: 3 });
    expect(text()).toBe('1:slow\n2:fast\n3:faster\n');
  });

  it('rethrows a failed mapping in its turn', async () => {
    const failing: LineMapper = async (l) => {
      if (l.line === 2) throw new Error('pool died');
      return echo(l);
    };
    await expect(mapLines(Readable.from(['a\nb\nc\n']), collect().out, failing, { maxLineBytes: 100, inFlight: 2 })).rejects.toThrow('pool died');
  });

  it('stops reading while the output is full', async () => {
    let mapped = 0;
    const input = new PassThrough();
    // An output that never drains: after its buffer fills, mapping must stop too.
    const stuck = new Writable({ highWaterMark: 1024, write: () => {} });
    void mapLines(input, stuck, (l) => (mapped++, `${'y'.repeat(512)}${l.line}\n`), { maxLineBytes: 100 });
    for (let i = 0; i < 2000; i++) input.write(`line ${i}\n`);
    await sleep(50);
    expect(mapped).toBeLessThan(2000);
    input.destroy();
  });
});
