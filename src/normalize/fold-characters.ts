import { classOf, codePointBefore, isAsciiDigit, isSeparator, MARK, SPACE, unitsOf, WORD } from './character-class.js';
import type { CharactersSeen } from './characters-seen.js';
import { isOpenBracket, isSubstituteMark } from './decode-spelled-symbols.js';
import { foldCase } from './fold-case.js';
import { foldConfusables } from './fold-confusables.js';
import { isDigitLookalike } from './fold-digit-lookalikes.js';
import { foldKana } from './fold-kana.js';
import { attachesToPrevious, foldWidth } from './fold-width.js';
import { MAX_SEPARATOR } from './join-separated-letters.js';
import { identityMapped, KEPT_TABLE_UNITS, MappedTextBuilder, stringOf, type MappedText } from './mapped-text.js';
import { stripFormatCharacters } from './strip-format-characters.js';

/**
 * The character folds that turn one code unit into one code unit whatever surrounds it, in
 * pipeline order. Together they are what {@link foldCharacters} does in a single table read.
 */
export const CONTEXT_FREE_FOLDS: readonly ((input: MappedText) => MappedText)[] = [
  stripFormatCharacters,
  foldWidth,
  foldCase,
  foldConfusables,
  foldKana,
];

/** State of a BMP unit in {@link FOLDED}: not looked at yet, folds alone, or needs its neighbours. */
const UNKNOWN = 0;
const ALONE = 1;
const NEEDS_CONTEXT = 2;
/**
 * Added to ALONE: what the folded unit is (see {@link CharactersSeen}). Whitespace or another
 * separator…
 */
const WHITESPACE = 4;
const OTHER_SEPARATOR = 8;
const SEPARATOR = WHITESPACE | OTHER_SEPARATOR;
/** …a letter or digit (WORD), an ASCII letter, an ASCII digit… */
const LETTER = 16;
const ASCII_LETTER = 32;
const DIGIT = 64;
/** …a letter that looks like a digit: one bit above DIGIT, so that a shift lines the two up. */
const LOOKALIKE = DIGIT << 1;
/** …'@', an opening bracket, a substitute mark. */
const AT_SIGN = 256;
const OPEN_BRACKET = 512;
const SUBSTITUTE_MARK = 1024;
/** Not a unit's kind but foldCharacters' findings: two singles with separators between them… */
const SEPARATED_SINGLES = 1 << 12;
/** …a character between whitespace (or the start) and whitespace… */
const SPACED_SINGLE = 1 << 13;
/** …and a digit beside a look-alike letter. */
const DIGIT_NEXT_TO_LOOKALIKE = 1 << 14;
const state = new Uint16Array(0x10000);
const FOLDED = new Uint16Array(0x10000);
/** Astral code points seen so far: true when the folds leave them alone (most emoji). */
const astralUnchanged = new Map<number, boolean>();

/** ASCII only needs lower-casing; it is the bulk of most texts, so it skips the table. */
const ASCII_LIMIT = 0x80;
const lowerAscii = (code: number): number => (code >= 0x41 && code <= 0x5a ? code | 0x20 : code);

/** The kind bits of a folded BMP unit. */
function kindOf(code: number): number {
  const classes = classOf(code);
  const unit = String.fromCharCode(code);
  let kind = (classes & SPACE) !== 0 ? WHITESPACE : isSeparator(code) ? OTHER_SEPARATOR : 0;
  if ((classes & WORD) !== 0) kind |= LETTER;
  if (code >= 0x61 && code <= 0x7a) kind |= ASCII_LETTER;
  if (isAsciiDigit(code)) kind |= DIGIT;
  if (isDigitLookalike(unit)) kind |= LOOKALIKE;
  if (code === 0x40) kind |= AT_SIGN;
  if (isOpenBracket(unit)) kind |= OPEN_BRACKET;
  if (isSubstituteMark(unit)) kind |= SUBSTITUTE_MARK;
  return kind;
}
const ASCII_KINDS = Uint16Array.from({ length: ASCII_LIMIT }, (_, code) => kindOf(lowerAscii(code)));

/**
 * The five context-free folds (format characters, width, case, look-alike letters, kana) in
 * one pass: a table read per code unit and one string built, with the offset map unchanged.
 * Returns `null` when some character needs its neighbours or changes length (a combining
 * or half-width voiced mark, a format character to remove, "①⓪" or "㈱" that NFKC expands,
 * a lone surrogate): the caller then uses {@link foldCharactersAround}.
 *
 * Why: run one after another, the five steps cost 12.6 µs on a 300-character clean Japanese
 * message (a closure call and a string per step); this pass costs about 2 µs. The table is
 * filled on first sight of each unit by running the steps themselves on it, so the two paths
 * cannot drift (a property test compares them).
 *
 * When it answers, it writes to `seen` what the folded text has (a character above the BMP
 * always counts as separated singles, a single between spaces and a substitute mark);
 * when it returns `null`, `seen` is left as it was.
 * @example foldCharacters('ＬＩＮＥ ライン') // 'line らいん'
 */
export function foldCharacters(text: string, seen?: CharactersSeen): string | null {
  const n = text.length;
  let codes: Uint16Array | null = null;
  // The kinds of every unit, and of the two before this one: the skipped steps would have
  // read every unit again.
  let kinds = 0;
  // The start of the text counts as whitespace before the first unit (a spaced single may start it).
  let previous = WHITESPACE;
  let beforePrevious = 0;
  // Separators since a single letter or digit (0: not right after one), or -1: the previous
  // unit is a letter that came after them, a second single unless a letter follows.
  let afterSingle = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    let folded: number;
    let kind: number;
    if (code < ASCII_LIMIT) {
      folded = lowerAscii(code);
      kind = ASCII_KINDS[code]!;
    } else {
      let known = state[code]!;
      if (known === UNKNOWN) known = learn(code);
      if (known === NEEDS_CONTEXT) {
        if (!isUnchangedAstral(text, i)) return null;
        // An astral character that stays (nearly always an emoji) counts as a separator between
        // singles, a single between spaces and a substitute mark, without a closer look: a
        // step run for nothing costs time, one skipped wrongly a finding.
        kinds |= OTHER_SEPARATOR | SEPARATED_SINGLES | SPACED_SINGLE | SUBSTITUTE_MARK;
        if (codes !== null) {
          codes[i] = code;
          codes[i + 1] = text.charCodeAt(i + 1);
        }
        i++;
        continue;
      }
      folded = FOLDED[code]!;
      kind = known;
    }
    // Two singles with separators between them, not only a single before a separator: most
    // messages full of numbers have one ("978-4-…") but no run to join, and normalize() took
    // 0.78–0.80× the time on them with joinSeparatedLetters skipped (same on the other mixes;
    // same-process A/B). One test for the common case, a letter among letters.
    if ((kind & SEPARATOR) !== 0 || afterSingle !== 0) {
      if (afterSingle < 0 && (kind & LETTER) === 0) kinds |= SEPARATED_SINGLES;
      if ((kind & SEPARATOR) !== 0) {
        if ((previous & LETTER) !== 0 && (beforePrevious & LETTER) === 0) afterSingle = 1;
        else afterSingle = afterSingle > 0 && afterSingle < MAX_SEPARATOR ? afterSingle + 1 : 0;
        if ((kind & WHITESPACE) !== 0 && (previous & WHITESPACE) === 0 && (beforePrevious & WHITESPACE) !== 0) kinds |= SPACED_SINGLE;
      } else {
        afterSingle = afterSingle > 0 && (kind & LETTER) !== 0 ? -1 : 0;
      }
    }
    // A digit after a look-alike letter or before one: shifted up, a DIGIT bit lands on LOOKALIKE.
    if ((kind & (DIGIT | LOOKALIKE)) !== 0 && ((((kind << 1) & previous) | ((previous << 1) & kind)) & LOOKALIKE) !== 0) kinds |= DIGIT_NEXT_TO_LOOKALIKE;
    kinds |= kind;
    beforePrevious = previous;
    previous = kind;
    if (folded !== code && codes === null) {
      codes = unitsFor(n);
      for (let j = 0; j < i; j++) codes[j] = text.charCodeAt(j);
    }
    if (codes !== null) codes[i] = folded;
  }
  if (afterSingle < 0) kinds |= SEPARATED_SINGLES;
  if (seen !== undefined) {
    seen.whitespace = (kinds & WHITESPACE) !== 0;
    seen.separatedSingles = (kinds & OTHER_SEPARATOR) !== 0 && (kinds & SEPARATED_SINGLES) !== 0;
    seen.spacedSingles = (kinds & SPACED_SINGLE) !== 0;
    seen.asciiLetter = (kinds & ASCII_LETTER) !== 0;
    seen.asciiDigit = (kinds & DIGIT) !== 0;
    seen.atSign = (kinds & AT_SIGN) !== 0;
    seen.openBracket = (kinds & OPEN_BRACKET) !== 0;
    seen.substituteMark = (kinds & SUBSTITUTE_MARK) !== 0;
    seen.digitNextToLookalike = (kinds & DIGIT_NEXT_TO_LOOKALIKE) !== 0;
  }
  return codes === null ? text : stringOf(codes, n);
}

/**
 * The folded units of {@link foldCharacters}, reused: they only live until the string is made.
 * Nearly every Japanese message changes here (katakana folds to hiragana), and a fresh
 * Uint16Array of 300 units cost 0.47 µs, 11 % of this pass (measured, 300-character clean
 * messages). `learn` never comes back here, so the buffer is never in use twice at once.
 * Like the other steps' scratch, it is kept only up to KEPT_TABLE_UNITS.
 */
let units = new Uint16Array(1024);
function unitsFor(n: number): Uint16Array {
  if (n > KEPT_TABLE_UNITS) return new Uint16Array(n);
  if (units.length < n) units = new Uint16Array(KEPT_TABLE_UNITS);
  return units;
}

/**
 * The five folds on a text that has characters needing their neighbours: runs of those, with
 * the character they attach to, go through the steps one by one; everything between them is
 * folded from the table. Before this, one such character anywhere (an emoji's variation
 * selector, a circled digit) sent the whole text through the five steps: 100–180 ns per
 * character instead of 30, which made a megabyte of messages cost 4× per KB what one did.
 * @example foldCharactersAround(identityMapped('ｶﾞいど①')).text // 'がいど1'
 */
export function foldCharactersAround(input: MappedText): MappedText {
  const text = input.text;
  const n = text.length;
  const codes = new Uint16Array(n);
  const out = new MappedTextBuilder(input);
  let stretchStart = 0;
  let i = 0;
  while (i < n) {
    const width = simpleWidth(text, i, codes);
    if (width > 0) {
      i += width;
      continue;
    }
    // The character before the run is its base: marks compose with it.
    const segmentStart = i > stretchStart ? Math.max(stretchStart, i - unitsOf(codePointBefore(text, i)!)) : i;
    let segmentEnd = i + 1;
    while (segmentEnd < n && simpleWidth(text, segmentEnd, codes) === 0) segmentEnd++;
    out.keepFolded(stretchStart, codes.subarray(stretchStart, segmentStart));
    out.appendMapped(segmentStart, foldAloneMapped(text.slice(segmentStart, segmentEnd)));
    stretchStart = i = segmentEnd;
  }
  out.keepFolded(stretchStart, codes.subarray(stretchStart, n));
  return out.build();
}

/** Units taken by the character at `i` if it folds alone (its folded units written to `codes`), else 0. */
function simpleWidth(text: string, i: number, codes: Uint16Array): number {
  const code = text.charCodeAt(i);
  if (code < ASCII_LIMIT) {
    codes[i] = lowerAscii(code);
    return 1;
  }
  let known = state[code]!;
  if (known === UNKNOWN) known = learn(code);
  if ((known & ALONE) !== 0) {
    codes[i] = FOLDED[code]!;
    return 1;
  }
  if (!isUnchangedAstral(text, i)) return 0;
  codes[i] = code;
  codes[i + 1] = text.charCodeAt(i + 1);
  return 2;
}

/** Runs the real steps on one unit and remembers what they did. */
function learn(code: number): number {
  const unit = String.fromCharCode(code);
  let known = NEEDS_CONTEXT;
  // Surrogates and marks depend on their neighbours; so does anything that folds to a mark.
  if ((code < 0xd800 || code > 0xdfff) && (classOf(code) & MARK) === 0) {
    const folded = foldAlone(unit);
    if (folded.length === 1 && (classOf(folded.charCodeAt(0)) & MARK) === 0 && attachesToNothing(unit)) {
      FOLDED[code] = folded.charCodeAt(0);
      known = ALONE | kindOf(folded.charCodeAt(0));
    }
  }
  state[code] = known;
  return known;
}

/** Not a unit that composes with the one before it (a mark, half-width ﾞﾟ, Hangul jamo). */
const attachesToNothing = (unit: string): boolean => !attachesToPrevious(unit, 0);

/** A valid surrogate pair at `i` that the folds leave as it is. */
function isUnchangedAstral(text: string, i: number): boolean {
  const point = text.codePointAt(i)!;
  if (point <= 0xffff) return false;
  let unchanged = astralUnchanged.get(point);
  if (unchanged === undefined) {
    const char = String.fromCodePoint(point);
    unchanged = (classOf(point) & MARK) === 0 && foldAlone(char) === char && attachesToNothing(char);
    astralUnchanged.set(point, unchanged);
  }
  return unchanged;
}

function foldAlone(text: string): string {
  return foldAloneMapped(text).text;
}

function foldAloneMapped(text: string): MappedText {
  let mapped = identityMapped(text);
  for (const fold of CONTEXT_FREE_FOLDS) mapped = fold(mapped);
  return mapped;
}
