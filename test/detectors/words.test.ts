import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternation, boundedWord, namesSource } from '../../src/detectors/words.js';

/** The plain form `alternation` stands for: one bounded alternative per word, longest first. */
function oneAlternativePerWord(words: readonly string[]): string {
  const unique = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return unique.length === 0 ? '(?!)' : `(?:${unique.map(boundedWord).join('|')})`;
}

/** Characters that make words meet at edges: ASCII letters and digits, "id", kana, symbols, space. */
const piece = fc.constantFrom('a', 'b', 'i', 'd', 'x', '1', '0', 'あ', 'い', 'ア', '.', '-', '@', ' ', '！');
const word = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));

const matches = (source: string, text: string): string[] => [...text.matchAll(new RegExp(source, 'gu'))].map((m) => `${m.index}:${m[0]}`);

describe('alternation', () => {
  it('matches exactly what one bounded alternative per word matches, alone or inside a pattern', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.array(fc.oneof(piece, word), { maxLength: 60 }), (words, parts) => {
        // Texts made mostly of the words themselves, so that many positions hold a match.
        const text = parts.map((p, i) => (i % 2 === 0 ? words[i % words.length]! : p)).join('');
        for (const tail of ['', '[^。\\n]{0,3}(?:id|い)', '(?!\\s?(?:あ|b))']) {
          expect(matches(alternation(words) + tail, text)).toEqual(matches(oneAlternativePerWord(words) + tail, text));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('shares one look-behind among the ASCII-led words and one look-ahead per run of them', () => {
    expect(alternation(['line', 'らいん'])).toBe('(?:(?<![a-z0-9])line(?!(?!id)[a-z0-9])|らいん)');
    expect(alternation(['instagram', 'twitter', 'amazonぎふと', 'x', 'ぺいぺい', 'あっとx'])).toBe(
      '(?:(?<![a-z0-9])(?:amazonぎふと|(?:instagram|twitter|x)(?!(?!id)[a-z0-9]))|あっとx(?!(?!id)[a-z0-9])|ぺいぺい)',
    );
    expect(alternation([])).toBe('(?!)');
  });
});

describe('namesSource', () => {
  // Words arrive normalized here; the identity stands in for the pipeline.
  const env = { normalizeLiteral: (w: string) => w, alternation };

  it('excludes the compounds before a name exactly as a look-behind in front of the name does', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(piece, word), { maxLength: 60 }), (words, before, parts) => {
        // Texts of the names and the compounds, so that many names stand right after one.
        const text = parts.map((p, i) => (i % 3 === 0 ? words[i % words.length]! : i % 3 === 1 ? before[i % before.length]! : p)).join('');
        const inFront = `(?<!${alternation(before)}\\s?)${alternation(words)}`;
        expect(matches(namesSource(words, { notPrecededBy: before }, env), text)).toEqual(matches(inFront, text));
      }),
      { numRuns: 2000 },
    );
  });
});
