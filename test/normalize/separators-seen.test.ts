import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, isSeparator, SPACE } from '../../src/normalize/character-class.js';
import { foldCharacters, type SeparatorsSeen } from '../../src/normalize/fold-characters.js';
import { NORMALIZATION_STEPS, normalize } from '../../src/normalize/index.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const codePoints = (text: string): number[] => [...text].map((char) => char.codePointAt(0)!);
const hasWhitespace = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) !== 0);
const hasOtherSeparator = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) === 0 && isSeparator(code));
const HAS: Record<keyof SeparatorsSeen, (text: string) => boolean> = { whitespace: hasWhitespace, otherSeparator: hasOtherSeparator };

/** Letters to join and every kind of separator between them, hidden words included. */
const PIECES = [
  'l', 'i', 'n', 'e', 'L', 'Ｉ', '0', '9', '０', 'ら', 'い', 'ん', 'ﾗ', '電', '話', 'q', 'r', 'こーど',
  ' ', '  ', '\n', '\t', '\u3000', '\u00a0', '・', '･', '.', '．', ',', '-', '‐', '/', ':', '：', '_', '~', '〜', '*', '+', '=',
  '♪', '☆', '★', '→', '※', '🌸', '🔸', '😀', '\uFE0F', '「', '」', '『', '』', '【', '】', '(', ')', '（', '）', '@', 'あっと', '点',
  '、', '。', '！', '?', 'ー', '\u200b', 'e\u0301', 'ｶﾞ', '①',
] as const;
const texts = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join('')),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.string({ unit: 'binary' }),
);

describe('foldCharacters: the separators it sees', () => {
  it.each([
    ['ありがとうございます。よろしくお願いします！', false, false],
    ['ありがとう\nございます', true, false],
    ['ら・い・ん', false, true],
    ['ＬＩＮＥ　ライン', true, false],
    ['（税込）', false, true],
    ['お願いします🙏', false, true],
  ])('%j: whitespace %s, other separator %s', (text, whitespace, otherSeparator) => {
    const seen = { whitespace: !whitespace, otherSeparator: !otherSeparator };
    expect(foldCharacters(text, seen)).not.toBeNull();
    expect(seen).toEqual({ whitespace, otherSeparator });
  });

  it('never misses a separator of the text it returns, and in the BMP names exactly those it has', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const seen = { whitespace: false, otherSeparator: false };
        const folded = foldCharacters(text, seen);
        if (folded === null) return;
        if (hasWhitespace(folded)) expect(seen.whitespace).toBe(true);
        if (hasOtherSeparator(folded)) expect(seen.otherSeparator).toBe(true);
        // Above the BMP a character counts as a separator without a closer look.
        if (!/[\uD800-\uDFFF]/.test(folded)) expect(seen).toEqual({ whitespace: hasWhitespace(folded), otherSeparator: hasOtherSeparator(folded) });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('NormalizationStep.needs', () => {
  const skippable = NORMALIZATION_STEPS.filter((step) => step.needs !== undefined);

  it('is claimed by the two joining steps', () => {
    expect(skippable.map((step) => [step.name, step.needs])).toEqual([
      ['joinSpacedCharacters', 'whitespace'],
      ['joinSeparatedLetters', 'otherSeparator'],
    ]);
  });

  it.each(skippable.map((step) => [step.name, step] as const))('%s leaves every text without what it needs as it is', (_, step) => {
    fc.assert(
      fc.property(texts, (text) => {
        fc.pre(!HAS[step.needs!](text));
        const input = identityMapped(text);
        expect(step.apply(input)).toBe(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('still joins what needs joining when the fold saw separators', () => {
    expect(normalize('ら・い・ん').text).toBe('らいん');
    expect(normalize('L I N E').text).toBe('line');
    expect(normalize('ありがとうございます。らいんでお願いします').text).toBe('ありがとうございます。らいんでお願いします');
  });
});
