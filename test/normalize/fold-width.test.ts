import { describe, expect, it } from 'vitest';
import { foldWidth } from '../../src/normalize/fold-width.js';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldWidth(identityMapped(text));

describe('foldWidth', () => {
  it.each([
    ['full-width ASCII', 'ＬＩＮＥ：ｋｅｎｔａ８８', 'LINE:kenta88'],
    ['full-width address', 'ｒ．ｉｗａｓａｋｉ＠ｔｏｍｏｒｉ－ｗｅｂ．ｊｐ', 'r.iwasaki@tomori-web.jp'],
    ['half-width katakana', 'ﾗｲﾝ', 'ライン'],
    ['half-width voiced marks compose', 'ｶﾞｷﾞｸﾞ ﾊﾟ ｳﾞ', 'ガギグ パ ヴ'],
    ['half-width long vowel', 'ｼﾞｰﾒｰﾙ', 'ジーメール'],
    ['spacing voiced mark after kana', 'か゛', 'が'],
    ['circled digits', '⓪⑦⓪-④②⑧⑧', '070-4288'],
    ['circled ten', '⑩', '10'],
    ['mathematical bold letters', '𝐋𝐈𝐍𝐄', 'LINE'],
    ['mathematical monospace', '𝚑𝚒𝚗𝚊𝚝𝚊_𝟷𝟶', 'hinata_10'],
    ['ideographic space', 'きゅーあーるこーど\u3000よみこんでね', 'きゅーあーるこーど よみこんでね'],
    ['non-breaking space', 'a\u00A0b', 'a b'],
    ['hyphen and dashes', '080‐7162–3349—1―2', '080-7162-3349-1-2'],
    ['minus sign and full-width hyphen-minus', '090−1234－5678', '090-1234-5678'],
    ['box-drawing line typed as a dash', '090─1234', '090-1234'],
    ['wave dashes', '10時〜12時～', '10時~12時~'],
    ['squared words', '㍿', '株式会社'],
    ['Roman numeral', 'Ⅼine', 'Line'],
    ['combining accent composes', 'e\u0301', 'é'],
    ['compatibility jamo compose', 'ㄱㅏ', '가'],
  ])('%s', (_case, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it.each([
    ['ASCII', 'Hello, LINE id kenta88!'],
    ['hiragana, katakana and kanji', 'ラインで話しましょう、よろしくお願いします。'],
    ['the kana long vowel ー', 'ラーメン、コーヒー'],
    ['emoji', '🌸😊👍'],
    ['a lone surrogate', 'a\uD800b'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(foldWidth(mapped)).toBe(mapped);
  });

  it.each([
    // [input, normalized span, original span]
    ['ｶﾞ', [0, 1], [0, 2]],
    ['①⑩', [1, 3], [1, 2]],
    ['𝐋𝐈𝐍𝐄', [1, 3], [2, 6]],
    ['ＩＤ：ｋｅｎ', [3, 6], [3, 6]],
  ] as const)('maps %s back to the characters it came from', (input, [from, to], expected) => {
    expect(originalSpan(fold(input), from, to)).toEqual(expected);
  });
});
