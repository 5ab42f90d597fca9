import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, isSeparator, MARK, SPACE, WORD } from '../../src/normalize/character-class.js';
import { foldCharacters, type SeparatorsSeen } from '../../src/normalize/fold-characters.js';
import { NORMALIZATION_STEPS, normalize } from '../../src/normalize/index.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';
import { textsFrom } from './fuzz-texts.js';

const codePoints = (text: string): number[] => [...text].map((char) => char.codePointAt(0)!);
const hasWhitespace = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) !== 0);
const hasOtherSeparator = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) === 0 && isSeparator(code));
/** A letter or digit with none (and no mark) right before it, followed by a separator; and a separator other than whitespace. */
function hasSeparatedSingles(text: string): boolean {
  const points = codePoints(text);
  const isWord = (k: number): boolean => k >= 0 && k < points.length && (classOf(points[k]!) & WORD) !== 0;
  const single = points.some((_, k) => isWord(k) && (k === 0 || (classOf(points[k - 1]!) & (WORD | MARK)) === 0) && k + 1 < points.length && isSeparator(points[k + 1]!));
  return single && hasOtherSeparator(text);
}
const HAS: Record<keyof SeparatorsSeen, (text: string) => boolean> = { whitespace: hasWhitespace, separatedSingles: hasSeparatedSingles };
const nothingSeen = (): SeparatorsSeen => ({ whitespace: false, separatedSingles: false });

/** Letters to join and every kind of separator between them, hidden words included. */
const PIECES = [
  'l', 'i', 'n', 'e', 'L', 'Ｉ', '0', '9', '０', 'ら', 'い', 'ん', 'ﾗ', '電', '話', 'q', 'r', 'こーど',
  ' ', '  ', '\n', '\t', '\u3000', '\u00a0', '・', '･', '.', '．', ',', '-', '‐', '/', ':', '：', '_', '~', '〜', '*', '+', '=',
  '♪', '☆', '★', '→', '※', '🌸', '🔸', '😀', '\uFE0F', '「', '」', '『', '』', '【', '】', '(', ')', '（', '）', '@', 'あっと', '点',
  '、', '。', '！', '?', 'ー', '\u200b', 'e\u0301', 'ｶﾞ', '①',
] as const;
const texts = textsFrom(PIECES, 24);

describe('foldCharacters: the separators it sees', () => {
  it.each([
    ['ありがとうございます。よろしくお願いします！', false, false],
    ['ありがとう\nございます', true, false],
    ['ら・い・ん', false, true],
    ['ＬＩＮＥ　ライン', true, false],
    ['L I N E', true, false],
    ['L I・N E', true, true],
    ['（税込）', false, false],
    ['2024/11/20の10:30に', false, false],
    ['プランA・B・C', false, true],
    ['お願いします🙏', false, true],
  ])('%j: whitespace %s, separated singles %s', (text, whitespace, separatedSingles) => {
    const seen = { whitespace: !whitespace, separatedSingles: !separatedSingles };
    expect(foldCharacters(text, seen)).not.toBeNull();
    expect(seen).toEqual({ whitespace, separatedSingles });
  });

  it('never misses what the text it returns has, and in the BMP names exactly that', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const seen = nothingSeen();
        const folded = foldCharacters(text, seen);
        if (folded === null) return;
        for (const kind of Object.keys(HAS) as (keyof SeparatorsSeen)[]) if (HAS[kind](folded)) expect(seen[kind]).toBe(true);
        // Above the BMP a character counts as a separator after a single without a closer look.
        if (!/[\uD800-\uDFFF]/.test(folded)) expect(seen).toEqual({ whitespace: hasWhitespace(folded), separatedSingles: hasSeparatedSingles(folded) });
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
      ['joinSeparatedLetters', 'separatedSingles'],
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
