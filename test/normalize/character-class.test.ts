import { describe, expect, it } from 'vitest';
import { classOf, codePointBefore, hasClass, isSeparator, MARK, SPACE, SYMBOL, WORD } from '../../src/normalize/character-class.js';

describe('classOf', () => {
  it.each([
    ['ASCII letter', 'a', WORD],
    ['ASCII digit', '7', WORD],
    ['hiragana', 'ら', WORD],
    ['kanji', '話', WORD],
    ['kana long vowel', 'ー', WORD],
    ['astral CJK', '𠮷', WORD],
    ['combining acute', '\u0301', MARK],
    ['combining voiced mark', '\u3099', MARK],
    ['space', ' ', SPACE],
    ['newline', '\n', SPACE],
    ['ideographic space', '\u3000', SPACE],
    ['star', '★', SYMBOL],
    ['emoji', '🌸', SYMBOL],
    ['skin tone modifier', '🏻', SYMBOL],
    ['ASCII punctuation', '.', 0],
    ['middle dot', '・', 0],
    ['NUL', '\u0000', 0],
    ['lone surrogate', '\uD800', 0],
  ])('%s', (_case, char, flags) => {
    expect(classOf(char.codePointAt(0)!)).toBe(flags);
  });
});

describe('isSeparator', () => {
  it.each([
    [' ', true], ['\u3000', true], ['・', true], ['.', true], ['-', true], ['「', true], ['♪', true], ['🌸', true],
    ['a', false], ['ら', false], ['0', false], ['、', false], ['。', false], ['!', false], ['@', false],
  ])('%j: %s', (char, expected) => {
    expect(isSeparator(char.codePointAt(0)!)).toBe(expected);
  });
});

describe('hasClass', () => {
  it.each([
    ['e\u0301', MARK, true],
    ['abc', MARK, false],
    ['らいん🌸', SYMBOL, true],
    ['𝄞\u{1D165}', MARK, true],
  ])('%j has %i: %s', (text, flags, expected) => {
    expect(hasClass(text, flags)).toBe(expected);
  });
});

describe('codePointBefore', () => {
  it.each([
    ['a😀', 3, 0x1f600],
    ['a😀', 1, 0x61],
    ['\uDC00', 1, 0xdc00],
    ['abc', 0, undefined],
  ])('%j before %i', (text, at, expected) => {
    expect(codePointBefore(text, at)).toBe(expected);
  });
});
