import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NORMALIZATION_STEPS, normalize } from '../../src/normalize/index.js';
import { identityMapped, originalSpan, type MappedText } from '../../src/normalize/mapped-text.js';

/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
/** Any code points (fast-check's 'binary' never splits a surrogate pair). */
const codePoints = fc.string({ unit: 'binary' });
/** Pieces that each step reacts to, so random texts hit the interesting paths and their interplay. */
const PIECES = [
  'L', 'I', 'N', 'E', 'l', 'i', 'n', 'e', 'a', 'x', 'Q', 'R', '1', '0', '9', '3', '|', '!', '$',
  ' ', '  ', '\n', '\t', '\u3000', '・', '･', '.', ',', '/', ':', '@', '-', '_', '~', '〜', '‐', 'ー',
  '🌸', '🔸', '★', '♪', '※', '👨\u200d👩\u200d👧', '0\uFE0F\u20E3', '\u200b', '\u00ad', '\u0301', '\u3099',
  'ｶ', 'ﾞ', 'ﾟ', '゛', 'か', 'カ', 'ラ', 'ら', 'い', 'ん', 'ｌ', 'Ｌ', '１', '①', '⑩', '𝐋', 'е', 'о', 'Ν',
  'ㄱ', 'ㅏ', '가', 'ᄀ', 'ᅡ', 'ぜろ', 'ゼロ', 'きゅう', 'に', 'ご', 'さん', 'いち', 'まる', '〇', '九', 'zero',
  'one', 'あっと', 'アット', 'どっと', '(at)', '〔dot〕', '点', 'を@に変えて', 'を@と.に置き換えて',
  'gmail', 'com', 'l1ne', 'z00m', 'http', 'は', 'の', '話', '\u0000', '\uD800', '\uDC00',
] as const;
const disguised = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const combining = fc
  .array(fc.tuple(fc.constantFrom('a', 'e', 'か', 'ｶ', '・', ' ', 'ᄀ'), fc.array(fc.integer({ min: 0x300, max: 0x36f }), { maxLength: 3 })))
  .map((parts) => parts.map(([base, marks]) => base + String.fromCharCode(...marks)).join(''));
const emojiSequences = fc
  .array(fc.constantFrom('👨', '👩', '👧', '🏻', '\u200d', '\uFE0F', '🇯', '🇵', '#', '\u20E3', 'l', ' '), { maxLength: 30 })
  .map((parts) => parts.join(''));
const long = fc.tuple(disguised, fc.integer({ min: 20, max: 200 })).map(([text, times]) => text.repeat(times));
const anyText = fc.oneof(codeUnits, codePoints, disguised, disguised, combining, emojiSequences, long);

function expectWellFormed(mapped: MappedText, original: string): void {
  const { text, starts, ends } = mapped;
  expect(starts.length).toBe(text.length);
  expect(ends.length).toBe(text.length);
  expect(mapped.originalLength).toBe(original.length);
  for (let i = 0; i < text.length; i++) {
    expect(starts[i]).toBeGreaterThanOrEqual(0);
    expect(starts[i]).toBeLessThanOrEqual(ends[i]!);
    expect(ends[i]).toBeLessThanOrEqual(original.length);
    if (i > 0) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]!);
  }
}

describe('normalize properties', () => {
  it('returns a well-formed map for any text, and never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(normalize(text), text);
      }),
      { numRuns: 600 },
    );
  });

  it('maps every span of normalized text to an ordered span inside the original', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (text, a, b) => {
        const mapped = normalize(text);
        const n = mapped.text.length;
        const [from, to] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
        const [start, end] = originalSpan(mapped, from, to);
        expect(0 <= start && start <= end && end <= text.length).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('is idempotent: normalized text is a fixed point', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalize(text).text;
        expect(normalize(once).text).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe.each(NORMALIZATION_STEPS.map((step) => [step.name, step] as const))('%s properties', (_name, step) => {
  it('keeps the map well-formed and is idempotent on its own', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = step.apply(identityMapped(text));
        expectWellFormed(once, text);
        expect(step.apply(once).text).toBe(once.text);
      }),
      { numRuns: 400 },
    );
  });
});
