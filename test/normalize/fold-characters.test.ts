import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_FREE_FOLDS, foldCharacters, foldCharactersAround } from '../../src/normalize/fold-characters.js';
import { NORMALIZATION_STEPS, normalize } from '../../src/normalize/index.js';
import { hasClass, MARK } from '../../src/normalize/character-class.js';
import { identityMapped, type MappedText } from '../../src/normalize/mapped-text.js';
import { textsFrom } from './fuzz-texts.js';

/** The five folds one after another: what foldCharacters must equal whenever it answers. */
function stepByStepMapped(text: string): MappedText {
  let mapped = identityMapped(text);
  for (const fold of CONTEXT_FREE_FOLDS) mapped = fold(mapped);
  return mapped;
}
const stepByStep = (text: string): string => stepByStepMapped(text).text;

/** The pipeline as it ran before the fused fold: every step, every pass (the oracle). */
function normalizeStepByStep(text: string): MappedText {
  const rewriting = NORMALIZATION_STEPS.findIndex((step) => step.name === 'decodeSpelledSymbols');
  const width = NORMALIZATION_STEPS.findIndex((step) => step.name === 'foldWidth');
  let mapped = identityMapped(text);
  for (let pass = 0; pass < 8; pass++) {
    let rewritten = false;
    NORMALIZATION_STEPS.forEach((step, k) => {
      const next = step.apply(mapped);
      if (next.text !== mapped.text && (k >= rewriting || (k > width && hasClass(next.text, MARK)))) rewritten = true;
      mapped = next;
    });
    if (!rewritten) break;
  }
  return mapped;
}

const PIECES = [
  'LINE', 'Ｌｉｎｅ', 'ライン', 'ﾗｲﾝ', 'ｶﾞ', 'か゛', 'ｶ', 'ﾞ', '\u3099', 'e\u0301', 'ᄀ', 'ᅡ', 'ㅏ', '가',
  '０９０', '①', '⑩', '㈱', '𝐋', '😀', '🙏', '\uFE0F', '\u200b', '\u00ad', 'ｌіｎе', 'Ν', 'Η', 'ɪɴ', 'ꜱ',
  '（税込）', '：', '！', '〜', '―', '\u3000', ' ', '\n', '09O-12З4-5678', 'ヴ', 'ヷ', 'ヽ', 'ー', '・', '漢字',
  '\uD800', '\uDC00', 'İ', 'ß', 'ﬁ', '㌔', 'あっと', 'ぜろきゅうぜろ', 'gmail', '.', '@',
  '👨\u200d👩\u200d👧', '0\uFE0F\u20E3', '🏻', '\u0301\u0323', 'a\u0323\u0301', '\u1100\u1161\u11a8', '😀\u0301',
] as const;
const texts = textsFrom(PIECES, 30);

describe('foldCharacters', () => {
  it('folds width, case, look-alikes and kana in one pass', () => {
    expect(foldCharacters('ＬＩＮＥ ライン ｌіｎе')).toBe('line らいん line');
  });

  it('returns the text itself when nothing folds', () => {
    const text = 'らいん line 090';
    expect(foldCharacters(text)).toBe(text);
  });

  it.each([
    ['a half-width voiced mark', 'ｶﾞ'],
    ['a combining mark', 'e\u0301'],
    ['a format character to remove', 'l\u200bine'],
    ['an expansion', '⑩'],
    ['a lone surrogate', '\uD800x'],
    ['an astral letter that folds', '𝐋'],
    ['a Hangul medial jamo', '가'],
  ])('leaves %s to the step-by-step path', (_, text) => {
    expect(foldCharacters(text)).toBeNull();
  });

  it('keeps emoji that fold to themselves on the fast path', () => {
    expect(foldCharacters('ありがとうございます🙏')).toBe('ありがとうございます🙏');
  });

  it('equals the five folds run one by one whenever it answers', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const folded = foldCharacters(text);
        if (folded !== null) expect(folded).toBe(stepByStep(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds around characters that need their neighbours exactly as the steps do, map included', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const around = foldCharactersAround(identityMapped(text));
        const slow = stepByStepMapped(text);
        expect(around.text).toBe(slow.text);
        expect([...around.starts]).toEqual([...slow.starts]);
        expect([...around.ends]).toEqual([...slow.ends]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves normalize() exactly as the step-by-step pipeline, map included', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const fast = normalize(text);
        const slow = normalizeStepByStep(text);
        expect(fast.text).toBe(slow.text);
        expect([...fast.starts]).toEqual([...slow.starts]);
        expect([...fast.ends]).toEqual([...slow.ends]);
      }),
      { numRuns: 2000 },
    );
  });
});
