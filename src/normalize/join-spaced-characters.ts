import { MappedTextBuilder, replaceMatches, type MappedText } from './mapped-text.js';

/** Single characters (code points) each standing between whitespace: "L I N E", "0 9 0". */
const SPACED_SINGLES = /(?<!\S)\S(?:\s{1,3}\S(?!\S))+/gu;
/** Marks and invisible/control characters are not letters someone spaced out. */
const INVISIBLE = /[\p{M}\p{C}]/u;
const ASCII_LETTER = /^[A-Za-z]$/;
/** '.', '/', '@', and ':' when a URL goes on ("https : //", "host : 8080"), not "ID: kenta". */
const URL_SYMBOL = '(?:[./@]|:(?=[ \\t]{0,3}[/0-9]))';
/**
 * Spaces around a URL symbol between ASCII alphanumerics (or '/'): a spaced URL or address,
 * "drive . google . com / drive". The look-behind may see spaces that the previous match
 * consumed, so chains like "/ / yuzuriha" are joined in one pass.
 */
const SPACED_URL_SYMBOL = new RegExp(
  `(?<=[A-Za-z0-9/][ \\t]{0,3})(?:[ \\t]{1,3}${URL_SYMBOL}[ \\t]{0,3}|${URL_SYMBOL}[ \\t]{1,3})(?=[A-Za-z0-9/])`,
  'g',
);
const WHITESPACE = /\s/;

/**
 * Step 7: removes the whitespace inside runs of single visible characters, "L I N E のIDは" →
 * "LINE のIDは", "0 9 0 2 2 3 4 8 8 1 9" → "09022348819", "Q R コード" → "QR コード". A run
 * needs three singles, or two when both are ASCII letters. When a run mixes gap widths
 * ("0 9 0  1 2 3 4"), the wider gaps are word breaks and stay ("090  1234").
 * Then spaces around '.', '/', '@' (and ':' before '/' or a port) between ASCII alphanumerics go:
 * "line . me / ti / p / 7hQz" → "line.me/ti/p/7hQz". Prose ("I am a boy") has no such runs.
 * @example joinSpacedCharacters(identityMapped('h t t p s : / / yuzuriha-lab . com / price')).text // 'https://yuzuriha-lab.com/price'
 */
export function joinSpacedCharacters(input: MappedText): MappedText {
  if (!WHITESPACE.test(input.text)) return input;
  const joined = joinSpacedSingles(input);
  return replaceMatches(joined, SPACED_URL_SYMBOL, (match) => match[0].trim());
}

function joinSpacedSingles(input: MappedText): MappedText {
  const text = input.text;
  let out: MappedTextBuilder | null = null;
  let cursor = 0;
  SPACED_SINGLES.lastIndex = 0;
  for (let match = SPACED_SINGLES.exec(text); match !== null; match = SPACED_SINGLES.exec(text)) {
    for (const [from, to] of gapsToRemove(text, match.index, match.index + match[0].length)) {
      out ??= new MappedTextBuilder(input);
      out.keep(cursor, from);
      cursor = to;
    }
  }
  if (out === null) return input;
  out.keep(cursor, text.length);
  return out.build();
}

interface Single {
  readonly start: number;
  readonly end: number;
  /** Width of the gap before this single, a newline counting as a wide gap. */
  readonly gapWeight: number;
  readonly asciiLetter: boolean;
}

/** The gaps inside one matched stretch of singles that belong to a run worth joining. */
function gapsToRemove(text: string, from: number, to: number): [number, number][] {
  const gaps: [number, number][] = [];
  let run: Single[] = [];
  let i = from;
  while (i < to) {
    const gapStart = i;
    let newline = false;
    for (; WHITESPACE.test(text[i]!); i++) {
      if (text[i] === '\n') newline = true;
    }
    const start = i;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    const char = text.slice(start, i);
    const single = { start, end: i, gapWeight: start - gapStart + (newline ? 4 : 0), asciiLetter: ASCII_LETTER.test(char) };
    if (INVISIBLE.test(char)) {
      collectRun(run, gaps);
      run = [];
    } else {
      run.push(single);
    }
  }
  collectRun(run, gaps);
  return gaps;
}

/** Splits a run at its wider-than-usual gaps and keeps the gaps of the parts long enough to join. */
function collectRun(run: readonly Single[], gaps: [number, number][]): void {
  if (run.length < 2) return;
  let narrowest = Infinity;
  for (let k = 1; k < run.length; k++) narrowest = Math.min(narrowest, run[k]!.gapWeight);
  let partStart = 0;
  for (let k = 1; k <= run.length; k++) {
    if (k < run.length && run[k]!.gapWeight === narrowest) continue;
    const part = run.slice(partStart, k);
    if (isJoinable(part)) for (let p = 1; p < part.length; p++) gaps.push([part[p - 1]!.end, part[p]!.start]);
    partStart = k;
  }
}

function isJoinable(part: readonly Single[]): boolean {
  return part.length >= 3 || (part.length === 2 && part[0]!.asciiLetter && part[1]!.asciiLetter);
}
