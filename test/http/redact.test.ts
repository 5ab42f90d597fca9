import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, redactText } from '../../src/http/redact.js';

describe('redactText', () => {
  it.each([
    ['no spans', 'abc', [], 'abc'],
    ['one span', 'ID: abc123 です', [{ start: 4, end: 10 }], 'ID: ＊＊＊＊＊＊ です'],
    ['overlapping spans merge', 'abcdefgh', [{ start: 1, end: 4 }, { start: 3, end: 6 }], 'a＊＊＊＊＊gh'],
    ['touching spans merge', 'abcdef', [{ start: 0, end: 2 }, { start: 2, end: 4 }], '＊＊＊＊ef'],
    ['unsorted spans', 'abcdef', [{ start: 4, end: 5 }, { start: 0, end: 1 }], '＊bcd＊f'],
    ['contained span', 'abcdef', [{ start: 0, end: 5 }, { start: 1, end: 2 }], '＊＊＊＊＊f'],
    ['keycap digits are one character each', '電話1️⃣2️⃣です', [{ start: 2, end: 8 }], '電話＊＊です'],
    ['surrogate pair is one character', 'x😀y', [{ start: 1, end: 3 }], 'x＊y'],
    ['whole text', 'メール', [{ start: 0, end: 3 }], '＊＊＊'],
  ])('%s', (_name, text, spans, expected) => {
    expect(redactText(text, spans)).toBe(expected);
  });

  it('keeps everything outside the spans and masks everything inside', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
        (text, pairs) => {
          const spans = pairs.map(([a, b]) => {
            const s = a % (text.length + 1);
            const e = b % (text.length + 1);
            return { start: Math.min(s, e), end: Math.max(s, e) };
          });
          const covered = (i: number) => spans.some((s) => i >= s.start && i < s.end);
          const expected = [...text].map((ch, i) => (covered(i) ? MASK : ch)).join('');
          expect(redactText(text, spans)).toBe(expected);
        },
      ),
    );
  });
});
