import * as linkify from 'linkifyjs';
import { describe, expect, it } from 'vitest';
import { findLinks } from '../../src/detectors/linkify-adapter.js';

/** [text, start, end] of every link found in `text`, read as one scan's text. */
const spans = (text: string) => findLinks({ text }).map((l) => [text.slice(l.start, l.end), l.start, l.end]);

describe('findLinks on windows longer than one piece (4,096 characters)', () => {
  it('finds a URL that crosses the cut whole, at its own offsets', () => {
    for (const before of [3500, 3583, 3584, 3600, 4090, 4095, 4096, 4097]) {
      const url = `https://example-shop.jp/items/${'a'.repeat(300)}`;
      const text = `${'-'.repeat(before)} ${url} ${'-'.repeat(5000)}`;
      expect(spans(text)).toEqual([[url, before + 1, before + 1 + url.length]]);
    }
  });

  it('finds an e-mail address after a long run of "@"', () => {
    const text = `${'@'.repeat(20_000)} m.arai@gmail.com`;
    expect(spans(text)).toEqual([['m.arai@gmail.com', 20_001, 20_017]]);
  });

  it('reports a link longer than a piece up to the cut and reads on', () => {
    const url = `https://example-shop.jp/${'a'.repeat(9000)}`;
    const found = findLinks({ text: url });
    expect(found[0]).toMatchObject({ kind: 'url', start: 0 });
    expect(found[0]!.end).toBeGreaterThan(3584);
    expect(found.every((l, i) => i === 0 || l.start >= found[i - 1]!.end)).toBe(true);
  });

  it('finds what linkifyjs finds in one read of a long text of many links', () => {
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++) parts.push(i % 3 === 0 ? `user${i}@mail${i}.example.jp` : i % 3 === 1 ? `https://s${i}.example.com/p?q=${i}` : `word${i}`);
    const text = parts.join(' ');
    expect(text.length).toBeGreaterThan(40_000);
    const whole = linkify.find(text).filter((l) => l.type === 'url' || l.type === 'email').map((l) => [l.value, l.start, l.end]);
    expect(spans(text)).toEqual(whole);
  });
});

describe('findLinks memo', () => {
  it('answers a new scan of the same string afresh, not from the last scan', () => {
    const text = 'see https://example-shop.jp/a';
    const first = findLinks({ text });
    const second = findLinks({ text });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('answers the same window of the same scan from its memo', () => {
    const scanned = { text: 'see https://example-shop.jp/a' };
    expect(findLinks(scanned, 4)).toBe(findLinks(scanned, 4));
  });
});
