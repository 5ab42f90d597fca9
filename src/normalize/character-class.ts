/**
 * Unicode classes the joining steps ask about for every character. A Unicode-property regex
 * costs 15–20 ns per character (measured on 300 characters of Japanese); these flags are
 * computed once per 256-character page of the BMP on first use and then cost a table read.
 */

/**
 * Letters and digits (`\p{L}`, `\p{N}`): what words are made of.
 * @example (classOf(0x3089) & WORD) !== 0 // true: 'ら' is a letter
 */
export const WORD = 1;
/**
 * Combining marks (`\p{M}`): part of the character before them.
 * @example (classOf(0x301) & MARK) !== 0 // true: combining acute
 */
export const MARK = 2;
/**
 * Whitespace (`\s`).
 * @example (classOf(0x3000) & SPACE) !== 0 // true: ideographic space
 */
export const SPACE = 4;
/**
 * Symbols and pictographs (`\p{So}`, `\p{Sk}`, emoji): decoration between letters.
 * @example (classOf(0x1f338) & SYMBOL) !== 0 // true: 🌸
 */
export const SYMBOL = 8;

const TESTS: readonly (readonly [number, RegExp])[] = [
  [WORD, /^[\p{L}\p{N}]$/u],
  [MARK, /^\p{M}$/u],
  [SPACE, /^\s$/u],
  [SYMBOL, /^[\p{So}\p{Sk}\p{Extended_Pictographic}]$/u],
];

const bmpClasses = new Uint8Array(0x10000);
const bmpPageReady = new Uint8Array(0x100);

/**
 * The class flags of a code point (0 for punctuation, controls, lone surrogates…).
 * @example (classOf('ら'.codePointAt(0)!) & WORD) !== 0 // true
 */
export function classOf(code: number): number {
  if (code > 0xffff) return classify(String.fromCodePoint(code));
  if (bmpPageReady[code >> 8] === 0) {
    for (let c = code & ~0xff, end = c + 0x100; c < end; c++) {
      bmpClasses[c] = classify(String.fromCharCode(c));
    }
    bmpPageReady[code >> 8] = 1;
  }
  return bmpClasses[code]!;
}

function classify(char: string): number {
  let flags = 0;
  for (const [flag, test] of TESTS) if (test.test(char)) flags |= flag;
  return flags;
}

/**
 * What people put between the letters of a word to hide it: whitespace, symbols and
 * pictographs (SPACE, SYMBOL), and this punctuation: middle dots, ASCII punctuation, music
 * notes and stars, arrows, and brackets (『ら』『い』『ん』 quotes each letter to split the word).
 */
const LISTED_SEPARATORS = new Set([...'・･.,*_~|/\\-+=:;♪☆★◆◇■□●○◎※→←『』「」【】〔〕()'].map((c) => c.codePointAt(0)!));

/**
 * An ASCII digit.
 * @example isAsciiDigit('7'.charCodeAt(0)) // true
 */
export const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * An ASCII letter, either case.
 * @example isAsciiLetter('Q'.charCodeAt(0)) // true
 */
export const isAsciiLetter = (code: number): boolean => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;

/**
 * An ASCII digit or lower-case letter: what an ASCII word of normalized text is made of
 * (normalization lower-cases ASCII).
 * @example isLowerAsciiAlphanumeric('x'.charCodeAt(0)) // true
 */
export const isLowerAsciiAlphanumeric = (code: number): boolean => isAsciiDigit(code) || (code >= 0x61 && code <= 0x7a);

/**
 * Whether a code point can stand between the letters of a hidden word ("l🌸i🌸n🌸e", "ら・い・ん").
 * @example isSeparator('・'.codePointAt(0)!) // true
 */
export const isSeparator = (code: number): boolean => (classOf(code) & (SPACE | SYMBOL)) !== 0 || LISTED_SEPARATORS.has(code);

/**
 * UTF-16 code units of a code point: 2 above the BMP (emoji, rare kanji), else 1.
 * @example unitsOf(0x1f600) // 2
 */
export const unitsOf = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/**
 * The code point that ends just before `at`, or `undefined` at the start of the text.
 * @example codePointBefore('a😀', 3) // 0x1f600
 */
export function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2);
  }
  return low;
}

/**
 * Whether any code point of `text` has one of the class `flags`; a table read per character.
 * @example hasClass('e\u0301', MARK) // true
 */
export function hasClass(text: string, flags: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const point = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(i)! : code;
    if (classOf(point) & flags) return true;
    if (point > 0xffff) i++;
  }
  return false;
}
