import { MappedTextBuilder, type MappedText } from './mapped-text.js';

/**
 * What people put between the letters of a word to hide it: whitespace, dots, ASCII
 * punctuation, music notes and stars, arrows, and any emoji or other symbol.
 */
const SEPARATOR = String.raw`[\s・･.,*_~|/\\\-+=:;♪☆★◆◇■□●○◎※→←\p{So}\p{Sk}\p{Extended_Pictographic}]`;
/** A letter or digit with no letter, digit or mark touching it on either side. */
const SINGLE = String.raw`(?<![\p{L}\p{N}\p{M}])[\p{L}\p{N}](?![\p{L}\p{N}\p{M}])`;
const SEPARATED_SINGLES = new RegExp(`${SINGLE}(?:${SEPARATOR}{1,3}${SINGLE})+`, 'gu');
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ASCII_LETTER = /^[A-Za-z]$/;
const DIGIT = /^\p{Nd}$/u;
const WHITESPACE = /^\s$/;
/**
 * Punctuation that continues an address, URL, date or version on the other side of a run:
 * "ver.2.3.1", "a.b.c@x.jp". A run touching one of these (followed by more text) is a piece
 * of that token, not a spelled-out word.
 */
const CONTINUES_TOKEN = /^[@.\-_/:+=~#%&?]$/;
/** Digits separated only by ASCII punctuation need this many to be more than a date or version. */
const MIN_PUNCTUATED_DIGITS = 5;

/**
 * Step 8: joins single letters, digits, kana or kanji separated by symbols, in runs of three
 * (two when both are ASCII letters): "l🌸i🌸n🌸e" → "line", "ら・い・ん" → "らいん",
 * "l.i.n.e" → "line", "q🔸r🔸こーど" → "qrこーど" (the same symbol between the run and the
 * word it starts is removed too). Runs separated only by ASCII punctuation are left alone
 * where they continue an address, date or version ("t.hoshino@x.jp", "ver.2.3.1",
 * "2024/11/20"), and digits joined this way need five of them ("0.9.0.1.2"), while "0・9・0"
 * becomes "090". Runs separated only by whitespace are joinSpacedCharacters' business.
 * @example joinSeparatedLetters(identityMapped('ら・い・ん で')).text // 'らいんで'
 */
export function joinSeparatedLetters(input: MappedText): MappedText {
  const text = input.text;
  let out: MappedTextBuilder | null = null;
  let cursor = 0;
  SEPARATED_SINGLES.lastIndex = 0;
  for (let match = SEPARATED_SINGLES.exec(text); match !== null; match = SEPARATED_SINGLES.exec(text)) {
    const run = parseRun(text, match.index, match.index + match[0].length);
    if (!isJoinable(text, run)) continue;
    for (const [from, to] of separatorsToRemove(text, run)) {
      if (from < cursor) continue;
      out ??= new MappedTextBuilder(input);
      out.keep(cursor, from);
      cursor = to;
    }
  }
  if (out === null) return input;
  out.keep(cursor, text.length);
  return out.build();
}

interface Run {
  readonly start: number;
  readonly end: number;
  /** `[start, end)` of every separator between two singles. */
  readonly separators: [number, number][];
  readonly singles: string[];
  /** Some separator has a symbol that is neither ASCII nor whitespace (・, ♪, an emoji). */
  readonly decorated: boolean;
  /** Some separator has ASCII punctuation. */
  readonly punctuated: boolean;
  /** Some separator mixes whitespace and ASCII punctuation, as lists do ("a, b, c"). */
  readonly listLike: boolean;
}

function parseRun(text: string, start: number, end: number): Run {
  const separators: [number, number][] = [];
  const singles: string[] = [];
  let decorated = false;
  let punctuated = false;
  let listLike = false;
  let i = start;
  while (i < end) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (LETTER_OR_DIGIT.test(char)) {
      singles.push(char);
      i += char.length;
      continue;
    }
    const from = i;
    let space = false;
    let ascii = false;
    while (i < end) {
      const c = String.fromCodePoint(text.codePointAt(i)!);
      if (LETTER_OR_DIGIT.test(c)) break;
      if (WHITESPACE.test(c)) space = true;
      else if (c.charCodeAt(0) < 0x80) ascii = true;
      else decorated = true;
      i += c.length;
    }
    punctuated ||= ascii;
    listLike ||= space && ascii;
    separators.push([from, i]);
  }
  return { start, end, separators, singles, decorated, punctuated, listLike };
}

function isJoinable(text: string, run: Run): boolean {
  const { singles } = run;
  const twoLetters = singles.length === 2 && ASCII_LETTER.test(singles[0]!) && ASCII_LETTER.test(singles[1]!);
  if (run.decorated) return singles.length >= 3 || twoLetters;
  if (!run.punctuated || run.listLike || singles.length < 3) return false;
  if (continuesToken(text, run.start - 1, -1) || continuesToken(text, run.end, 1)) return false;
  return !singles.every((s) => DIGIT.test(s)) || singles.length >= MIN_PUNCTUATED_DIGITS;
}

/** `text[at]` is address/URL punctuation with a letter or digit right behind it (in `direction`). */
function continuesToken(text: string, at: number, direction: 1 | -1): boolean {
  const punctuation = text[at];
  if (punctuation === undefined || !CONTINUES_TOKEN.test(punctuation)) return false;
  if (punctuation === '@') return true;
  const beyond = direction === 1 ? text.codePointAt(at + 1) : codePointBefore(text, at);
  return beyond !== undefined && LETTER_OR_DIGIT.test(String.fromCodePoint(beyond));
}

/**
 * The separators inside the run, plus the same decoration tying it to an adjacent word
 * ("q🔸r🔸こーど"); a different symbol there ("id→l🌸i🌸n🌸e") means something and stays.
 */
function separatorsToRemove(text: string, run: Run): [number, number][] {
  const remove = [...run.separators];
  if (!run.decorated) return remove;
  const used = new Set(run.separators.map(([from, to]) => text.slice(from, to)));
  const before = decorationBetween(text, run.start, -1);
  if (before !== null && used.has(text.slice(...before))) remove.unshift(before);
  const after = decorationBetween(text, run.end, 1);
  if (after !== null && used.has(text.slice(...after))) remove.push(after);
  return remove;
}

/** 1–3 non-ASCII, non-space symbols from `edge` outwards, followed by a letter or digit. */
function decorationBetween(text: string, edge: number, direction: 1 | -1): [number, number] | null {
  let i = edge;
  for (let count = 0; count < 3; count++) {
    const code = direction === 1 ? text.codePointAt(i) : codePointBefore(text, i);
    if (code === undefined) return null;
    const char = String.fromCodePoint(code);
    if (LETTER_OR_DIGIT.test(char)) break;
    if (code < 0x80 || WHITESPACE.test(char) || !DECORATION.test(char)) return null;
    i += direction * char.length;
  }
  const next = direction === 1 ? text.codePointAt(i) : codePointBefore(text, i);
  if (i === edge || next === undefined || !LETTER_OR_DIGIT.test(String.fromCodePoint(next))) return null;
  return direction === 1 ? [edge, i] : [i, edge];
}

const DECORATION = new RegExp(`^${SEPARATOR}$`, 'u');

function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2);
  }
  return low;
}
