import { describe, expect, it } from 'vitest';
import { foldKana } from '../../src/normalize/fold-kana.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldKana(identityMapped(text));

describe('foldKana', () => {
  it.each([
    ['katakana word', 'ライン', 'らいん'],
    ['voiced and small kana', 'ジーメール ァィゥェォッャュョヮヵヶ', 'じーめーる ぁぃぅぇぉっゃゅょゎゕゖ'],
    ['ヴ', 'ヴ', 'ゔ'],
    ['iteration marks', 'ヽヾ', 'ゝゞ'],
    ['mixed script sentence', 'アットマークはgmailです', 'あっとまーくはgmailです'],
  ])('%s', (_case, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it.each([
    ['hiragana', 'らいんで話そう'],
    ['the long vowel and middle dot alone', 'ー・'],
    ['katakana without a hiragana form', 'ヷヸヹヺ'],
    ['ASCII', 'LINE id'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(foldKana(mapped)).toBe(mapped);
  });

  it('keeps the long vowel inside a word', () => {
    expect(fold('コード').text).toBe('こーど');
  });
});
