import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, isSeparator, MARK, SPACE, WORD } from '../../src/normalize/character-class.js';
import { ANYTHING_SEEN, type CharactersSeen } from '../../src/normalize/characters-seen.js';
import { foldCharacters } from '../../src/normalize/fold-characters.js';
import { NORMALIZATION_STEPS, normalize } from '../../src/normalize/index.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';
import { textsFrom } from './fuzz-texts.js';

const codePoints = (text: string): number[] => [...text].map((char) => char.codePointAt(0)!);
const hasWhitespace = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) !== 0);
const hasOtherSeparator = (text: string): boolean => codePoints(text).some((code) => (classOf(code) & SPACE) === 0 && isSeparator(code));
/** Two letters or digits with no letter or mark beside either, one to three separators between them; and a separator other than whitespace. */
function hasSeparatedSingles(text: string): boolean {
  const points = codePoints(text);
  const touches = (k: number): boolean => k >= 0 && k < points.length && (classOf(points[k]!) & (WORD | MARK)) !== 0;
  const single = (k: number): boolean => (classOf(points[k]!) & WORD) !== 0 && !touches(k - 1) && !touches(k + 1);
  const pair = points.some((_, k) => {
    if (!single(k)) return false;
    for (let gap = 1; gap <= 3 && k + gap < points.length; gap++) {
      if (!isSeparator(points[k + gap]!)) return false;
      if (k + gap + 1 < points.length && single(k + gap + 1)) return true;
    }
    return false;
  });
  return pair && hasOtherSeparator(text);
}
/** A character with whitespace or the start before it, and whitespace after it. */
function hasSpacedSingles(text: string): boolean {
  const points = codePoints(text);
  const isSpace = (k: number): boolean => (classOf(points[k]!) & SPACE) !== 0;
  return points.some((_, k) => !isSpace(k) && (k === 0 || isSpace(k - 1)) && k + 1 < points.length && isSpace(k + 1));
}
/** Each finding written out independently of the fold's tables: what a folded text has. */
const HAS: Record<keyof CharactersSeen, (text: string) => boolean> = {
  whitespace: hasWhitespace,
  separatedSingles: hasSeparatedSingles,
  spacedSingles: hasSpacedSingles,
  asciiLetter: (text) => /[a-z]/.test(text),
  asciiDigit: (text) => /[0-9]/.test(text),
  atSign: (text) => text.includes('@'),
  openBracket: (text) => /[([{<〔【「『〈《]/.test(text),
  substituteMark: (text) => /[★☆■□●○◆◇▲△▼▽※#*♪♡♥◎]|\p{Extended_Pictographic}/u.test(text),
  digitNextToLookalike: (text) => /[0-9][oilзsbzо|]|[oilзsbzо|][0-9]/.test(text),
};
const KINDS = Object.keys(ANYTHING_SEEN) as (keyof CharactersSeen)[];
const nothingSeen = (): CharactersSeen => Object.fromEntries(KINDS.map((kind) => [kind, false])) as unknown as CharactersSeen;
const only = (...kinds: (keyof CharactersSeen)[]): CharactersSeen => ({ ...nothingSeen(), ...Object.fromEntries(kinds.map((kind) => [kind, true])) });

/** Letters to join, every kind of separator, spelled symbols, substitute marks and look-alike digits. */
const PIECES = [
  'l', 'i', 'n', 'e', 'L', 'Ｉ', '0', '9', '０', 'ら', 'い', 'ん', 'ﾗ', '電', '話', 'q', 'r', 'こーど',
  ' ', '  ', '\n', '\t', '\u3000', '\u00a0', '・', '･', '.', '．', ',', '-', '‐', '/', ':', '：', '_', '~', '〜', '*', '+', '=',
  '♪', '☆', '★', '→', '※', '#', '🌸', '🔸', '😀', '\uFE0F', '「', '」', '『', '』', '【', '】', '(', ')', '（', '）', '[', ']', '〔',
  '@', '＠', 'あっと', 'どっと', 'あっとまーく', 'at', 'dot', ' at ', ' dot ', '(at)', '【dot】', '[.]', '点', 'てん', 'hxxp', 'h**p', 's', '[:]', '[/]',
  'tomo', 'gmail', 'com', 'を', 'は', 'に変えて', 'を消して', 'は抜いて', '→', '=', '★を@に変えて', '※は消して', 'to★mo', 'ke※nta',
  'o', 'O', 'з', 'о', '|', 'b', 'z', 'l1ne', '|ine', 'z00m', '5kype', '1', '3', '4', '$', '!',
  '、', '。', '！', '?', 'ー', '\u200b', 'e\u0301', 'ｶﾞ', '①',
] as const;
const texts = textsFrom(PIECES, 24);

describe('foldCharacters: what it sees', () => {
  it.each([
    ['ありがとうございます。よろしくお願いします！', only()],
    ['ありがとう\nございます', only('whitespace')],
    ['ら・い・ん', only('separatedSingles')],
    ['ＬＩＮＥ　ライン', only('whitespace', 'asciiLetter')],
    ['L I・N E', only('whitespace', 'separatedSingles', 'spacedSingles', 'asciiLetter')],
    ['0 9 0', only('whitespace', 'spacedSingles', 'asciiDigit')],
    ['ご連絡は ら い ん で', only('whitespace', 'spacedSingles')],
    ['（税込）', only('openBracket')],
    ['2024/11/20の10:30に', only('asciiDigit')],
    ['プランA・B・C', only('separatedSingles', 'asciiLetter')],
    ['お願いします🙏', only('separatedSingles', 'spacedSingles', 'substituteMark')],
    ['tomo＠gmail.com', only('asciiLetter', 'atSign')],
    ['★を@に変えてね', only('atSign', 'substituteMark')],
    ['０９Ｏ-1234', only('asciiLetter', 'asciiDigit', 'digitNextToLookalike')],
    ['solo 1990s', only('whitespace', 'asciiLetter', 'asciiDigit', 'digitNextToLookalike')],
    ['iso 9 o', only('whitespace', 'spacedSingles', 'asciiLetter', 'asciiDigit')],
  ])('%j', (text, expected) => {
    const seen = { ...ANYTHING_SEEN };
    expect(foldCharacters(text, seen)).not.toBeNull();
    expect(seen).toEqual(expected);
  });

  it('never misses what the text it returns has, and in the BMP names exactly that', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const seen = nothingSeen();
        const folded = foldCharacters(text, seen);
        if (folded === null) return;
        for (const kind of KINDS) if (HAS[kind](folded)) expect(seen[kind]).toBe(true);
        // Above the BMP a character counts as a single before a separator or between spaces,
        // and as a substitute mark, without a closer look.
        if (!/[\uD800-\uDFFF]/.test(folded)) expect(seen).toEqual(Object.fromEntries(KINDS.map((kind) => [kind, HAS[kind](folded)])));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the normalization steps, told what the fold saw', () => {
  it.each(NORMALIZATION_STEPS.map((step) => [step.name, step] as const))('%s answers as when told nothing', (_, step) => {
    fc.assert(
      fc.property(texts, (text) => {
        const seen = nothingSeen();
        const folded = foldCharacters(text, seen);
        if (folded === null) return;
        const input = identityMapped(folded);
        const told = step.apply(input, seen);
        const untold = step.apply(input, ANYTHING_SEEN);
        expect({ text: told.text, starts: [...told.starts], ends: [...told.ends] }).toEqual({ text: untold.text, starts: [...untold.starts], ends: [...untold.ends] });
        // normalize() knows a step changed nothing by getting its input back.
        expect(told === input).toBe(untold === input);
      }),
      { numRuns: 3000 },
    );
  });

  it('still decode and join what the text has', () => {
    expect(normalize('ら・い・ん').text).toBe('らいん');
    expect(normalize('L I N E').text).toBe('line');
    expect(normalize('ありがとうございます。らいんでお願いします').text).toBe('ありがとうございます。らいんでお願いします');
    expect(normalize('tomo あっと gmail どっと com').text).toBe('tomo@gmail.com');
    expect(normalize('tomo【at】gmail【dot】com').text).toBe('tomo@gmail.com');
    expect(normalize('taro at gmail dot com').text).toBe('taro@gmail.com');
    expect(normalize('hxxps://drive[.]google[.]com').text).toBe('https://drive.google.com');
    expect(normalize('★を@に変えてね tomo★gmail.com').text).toBe('★を@に変えてね tomo@gmail.com');
    expect(normalize('※は消してね line: ke※nta88').text).toBe('※は消してね line: kenta88');
    expect(normalize('０９Ｏ-12З4-5678').text).toBe('090-1234-5678');
    expect(normalize('l1ne で').text).toBe('line で');
  });
});
