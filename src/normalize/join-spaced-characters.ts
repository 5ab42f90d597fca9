import { classOf, codePointBefore, SPACE, unitsOf } from './character-class.js';
import { ANYTHING_SEEN, type CharactersSeen } from './characters-seen.js';
import { KEPT_TABLE_UNITS, MappedTextBuilder, replaceMatches, type MappedText } from './mapped-text.js';

/** Single characters (code points) each standing between whitespace: "L I N E", "0 9 0". */
const SPACED_SINGLES = /(?<!\S)\S(?:\s{1,3}\S(?!\S))+/gu;
/** Marks and invisible/control characters are not letters someone spaced out. */
const INVISIBLE = /[\p{M}\p{C}]/u;
const ASCII_LETTER = /^[A-Za-z]$/;
/**
 * A '.', '/', ':' or '@' with whitespace beside it, between ASCII alphanumerics (or '/'):
 * maybe a piece of a spaced-out URL or address ("drive . google . com / drive").
 */
const SPACED_URL_SYMBOL = /(?<=[A-Za-z0-9/])([ \t\n]{0,3})([./:@])([ \t\n]{0,3})(?=[A-Za-z0-9/])/g;
/** A token that is already a host or a URL: "zoom.us", "line.me/ti", "https://". */
const URLISH = /[a-z0-9-]\.[a-z]{2,}(?:[/:?#]|$)|:\/\/|\/$/i;
const SCHEME = /^(?:h?ttps?|ftp)$/i;
const PORT_AFTER = /^[0-9]{1,5}(?![0-9])/;
const WHITESPACE = /\s/;
/** A newline weighs like four spaces: "a b c\nd e f" is two words, "ら\nい\nん" one. */
const NEWLINE_WEIGHT = 4;

/**
 * Step 7: removes the whitespace inside runs of single visible characters, "L I N E のIDは" →
 * "LINE のIDは", "0 9 0 2 2 3 4 8 8 1 9" → "09022348819", "Q R コード" → "QR コード". A run
 * needs three singles, or two when both are ASCII letters. When a run mixes gap widths
 * ("0 9 0  1 2 3 4"), the wider gaps are word breaks and stay ("090  1234").
 * Then spaces around '.', '/', '@' (and ':' before '/' or a port) between ASCII alphanumerics go:
 * "line . me / ti / p / 7hQz" → "line.me/ti/p/7hQz". Prose ("I am a boy") has no such runs.
 * @example joinSpacedCharacters(identityMapped('h t t p s : / / yuzuriha-lab . com / price')).text // 'https://yuzuriha-lab.com/price'
 */
export function joinSpacedCharacters(input: MappedText, seen: Readonly<CharactersSeen> = ANYTHING_SEEN): MappedText {
  // Every pattern it joins has whitespace in it.
  if (!seen.whitespace) return input;
  const joined = seen.spacedSingles && hasSpacedSingles(input.text) ? joinSpacedSingles(input) : input;
  return MAY_HAVE_SPACED_SYMBOL.test(joined.text) ? joinSpacedUrlSymbols(joined) : joined;
}

/** A '.', '/', ':' or '@' with whitespace beside it, the least SPACED_URL_SYMBOL needs. */
const MAY_HAVE_SPACED_SYMBOL = /[ \t\n][./:@]|[./:@][ \t\n]/;

/**
 * Whether SPACED_SINGLES can match: two single characters with one to three whitespace
 * characters between them. Looked for from each whitespace gap, which is rare in Japanese
 * text: the regex's look-behind at every position cost 4–5 µs per 300 characters of
 * numbers and prose, jumping from gap to gap about 0.3 µs.
 */
function hasSpacedSingles(text: string): boolean {
  const n = text.length;
  GAP.lastIndex = 0;
  for (let gap = GAP.exec(text); gap !== null; gap = GAP.exec(text)) {
    const i = gap.index;
    const j = i + gap[0].length;
    if (i === 0 || j - i > 3 || j === n) continue;
    // The character before the gap, and what precedes it: whitespace or the start.
    const x = i - unitsOf(codePointBefore(text, i)!);
    if (x > 0 && !isSpace(text.charCodeAt(x - 1))) continue;
    const y = j + unitsOf(text.codePointAt(j)!);
    if (y === n || isSpace(text.charCodeAt(y))) return true;
  }
  return false;
}

/** A whole run of whitespace. */
const GAP = /\s+/g;
const isSpace = (code: number): boolean => (classOf(code) & SPACE) !== 0;

/**
 * Joins '.' and '@' spaced on both sides, a scheme's or a port's ':' spaced on both sides,
 * and '/' where it continues a host or URL. A symbol spaced on one side only is ordinary
 * writing and stays: "Instagram @handle", "ID: kenta88", "Date:   Mon", "nozomi_s1 / 070-…"
 * are not addresses, and joining them would glue a handle to an address or a number.
 */
function joinSpacedUrlSymbols(input: MappedText): MappedText {
  // Two passes: hosts first ('.', '@'), so that the second pass sees "line.me" when it
  // decides whether " / ti" continues a URL or " : 8080" is a port.
  const hosts = joinSymbols(input, (symbol, both) => both && (symbol === '.' || symbol === '@'));
  return joinSymbols(hosts, (symbol, both, newline, token, after, chained) => {
    if (newline) return false;
    if (symbol === ':') return both && (SCHEME.test(token) || (URLISH.test(token) && PORT_AFTER.test(after)));
    return symbol === '/' && (URLISH.test(token) || chained);
  });
}

type JoinDecision = (symbol: string, both: boolean, newline: boolean, token: string, after: string, chained: boolean) => boolean;

function joinSymbols(input: MappedText, decide: JoinDecision): MappedText {
  const text = input.text;
  // Where the last joined symbol ended: a token starting there continues the URL
  // ("line.me / ti / p / 7hQz": once the first '/' is joined, "ti" is part of the path).
  let chainStart = -1;
  let chainEnd = -1;
  return replaceMatches(input, SPACED_URL_SYMBOL, (match) => {
    const [whole, left = '', symbol = '', right = ''] = match;
    if (left.length === 0 && right.length === 0) return null;
    const start = match.index;
    const token = tokenBefore(text, start);
    const after = text.slice(start + whole.length, start + whole.length + 6);
    const tokenStart = start - token.length;
    const chained = tokenStart >= chainStart && tokenStart <= chainEnd;
    if (!decide(symbol, left.length > 0 && right.length > 0, whole.includes('\n'), token, after, chained)) return null;
    chainStart = start;
    chainEnd = start + whole.length;
    return symbol;
  });
}

/** The run of non-whitespace characters ending at `end`. */
function tokenBefore(text: string, end: number): string {
  let from = end;
  while (from > 0 && !WHITESPACE.test(text[from - 1]!)) from--;
  return text.slice(from, end);
}

function joinSpacedSingles(input: MappedText): MappedText {
  const text = input.text;
  let out: MappedTextBuilder | null = null;
  let cursor = 0;
  SPACED_SINGLES.lastIndex = 0;
  for (let match = SPACED_SINGLES.exec(text); match !== null; match = SPACED_SINGLES.exec(text)) {
    const gaps = gapsToRemove(text, match.index, match.index + match[0].length);
    for (let g = 0; g < gaps.count; g++) {
      out ??= new MappedTextBuilder(input);
      out.keep(cursor, gaps.ends[2 * g]!);
      cursor = gaps.ends[2 * g + 1]!;
    }
  }
  // Scratch grown for a long text is not kept for the rest of the process.
  if (singles.starts.length > KEPT_TABLE_UNITS) resetScratch();
  if (out === null) return input;
  out.keep(cursor, text.length);
  return out.build();
}

interface Singles {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Width of the gap before each single, a newline counting as a wide gap. */
  readonly gapWeights: Int32Array;
  readonly asciiLetters: Uint8Array;
}

/**
 * Room for `size` singles, holding what `from` held. The singles of one matched stretch live
 * in flat arrays reused from call to call: a stretch of a megabyte of "- - - …" is half a
 * million singles, and one object per single made the garbage collector a third of the scan
 * (µs per KB ×2 from 100 KB to 1 MB).
 */
function singlesOfSize(size: number, from?: Singles): Singles {
  const room = { starts: new Int32Array(size), ends: new Int32Array(size), gapWeights: new Int32Array(size), asciiLetters: new Uint8Array(size) };
  if (from !== undefined) {
    room.starts.set(from.starts);
    room.ends.set(from.ends);
    room.gapWeights.set(from.gapWeights);
    room.asciiLetters.set(from.asciiLetters);
  }
  return room;
}
let singles = singlesOfSize(64);
/** Gaps found in the current stretch: [from0, to0, from1, to1, …] and how many. */
const gaps = { ends: new Int32Array(64), count: 0 };

function resetScratch(): void {
  singles = singlesOfSize(64);
  gaps.ends = new Int32Array(64);
}

/** The gaps inside one matched stretch of singles that belong to a run worth joining. */
function gapsToRemove(text: string, from: number, to: number): typeof gaps {
  gaps.count = 0;
  let runLength = 0;
  let i = from;
  while (i < to) {
    const gapStart = i;
    let newline = false;
    for (; WHITESPACE.test(text[i]!); i++) {
      if (text[i] === '\n') newline = true;
    }
    const start = i;
    i += unitsOf(text.codePointAt(i)!);
    const char = text.slice(start, i);
    if (INVISIBLE.test(char)) {
      collectRun(runLength);
      runLength = 0;
      continue;
    }
    if (runLength === singles.starts.length) growSingles();
    singles.starts[runLength] = start;
    singles.ends[runLength] = i;
    singles.gapWeights[runLength] = start - gapStart + (newline ? NEWLINE_WEIGHT : 0);
    singles.asciiLetters[runLength] = ASCII_LETTER.test(char) ? 1 : 0;
    runLength++;
  }
  collectRun(runLength);
  return gaps;
}

/** Splits the run of singles at its wider-than-usual gaps and keeps the gaps of the parts long enough to join. */
function collectRun(length: number): void {
  if (length < 2) return;
  const { starts, ends, gapWeights, asciiLetters } = singles;
  let narrowest = Infinity;
  for (let k = 1; k < length; k++) narrowest = Math.min(narrowest, gapWeights[k]!);
  let partStart = 0;
  for (let k = 1; k <= length; k++) {
    if (k < length && gapWeights[k] === narrowest) continue;
    const partLength = k - partStart;
    const joinable = partLength >= 3 || (partLength === 2 && asciiLetters[partStart] === 1 && asciiLetters[partStart + 1] === 1);
    if (joinable) for (let p = partStart + 1; p < k; p++) addGap(ends[p - 1]!, starts[p]!);
    partStart = k;
  }
}

function addGap(from: number, to: number): void {
  if (2 * gaps.count + 2 > gaps.ends.length) {
    const grown = new Int32Array(gaps.ends.length * 2);
    grown.set(gaps.ends);
    gaps.ends = grown;
  }
  gaps.ends[2 * gaps.count] = from;
  gaps.ends[2 * gaps.count + 1] = to;
  gaps.count++;
}

function growSingles(): void {
  singles = singlesOfSize(singles.starts.length * 2, singles);
}
