import { MappedTextBuilder, type MappedText } from './mapped-text.js';

/**
 * Dashes that NFKC leaves alone but that people type between the digits of a phone number
 * (hyphen, figure dash, en/em dash, horizontal bar ―, minus sign, box-drawing ─ as typed by
 * Japanese IMEs). The kana long vowel 'ー' (U+30FC) is deliberately absent: it is a letter.
 */
const DASHES = /[\u2010-\u2015\u2043\u2212\u2500\u2501\u2E3A\u2E3B]/g;
/** Wave dashes: 〜 (U+301C, what Japanese IMEs type), swung dash, tilde operator. */
const WAVES = /[\u2053\u223C\u301C]/g;
/** Spacing voiced sound marks ゛゜, read as the combining ones so that "か゛" composes to "が". */
const SPACING_VOICED_MARKS = /[\u309B\u309C]/g;
const STARTS_WITH_MARK = /^\p{M}/u;

/** NFKC (or the dash/wave fold) changes this character. */
const CHANGES = 1;
/**
 * The character composes with, or is reordered around, what precedes it, so it must be
 * normalized together with its base: combining marks, half-width ﾞﾟ, Hangul vowel and
 * final jamo, and compatibility characters whose NFKC form starts with one of those.
 */
const ATTACHES = 2;

/** Flags of every BMP code unit, filled one 256-unit page at a time on first use. */
const bmpFlags = new Uint8Array(0x10000);
const bmpPageReady = new Uint8Array(0x100);
/** Flags of astral code points by high surrogate; `null` when no code point of the block needs work. */
const astralBlocks: (Uint8Array | null | undefined)[] = new Array(0x400);

/**
 * Step 2: Unicode NFKC applied one segment (a character and the marks that attach to it) at
 * a time, so every output unit still maps to the characters it came from: "ＬＩＮＥ" → "LINE",
 * "ﾗｲﾝ" → "ライン", "ｶﾞ" → "ガ" (two units to one), "①⓪⑩" → "1010", "𝐋𝐈𝐍𝐄" → "LINE",
 * ideographic space → space. Dashes NFKC keeps (‐ – — ― − ─) become '-', wave dashes (〜)
 * become '~'; 'ー' stays.
 *
 * Most text is ASCII, kana and kanji that NFKC leaves alone; for those a unit costs one
 * table lookup, and a text with nothing to fold is returned as it is.
 * @example foldWidth(identityMapped('ＬＩＮＥ ﾗｲﾝ ０９０‐１')).text // 'LINE ライン 090-1'
 */
export function foldWidth(input: MappedText): MappedText {
  const text = input.text;
  const n = text.length;
  let out: MappedTextBuilder | null = null;
  let cursor = 0;
  let i = 0;
  // `info` packs the flags and the width (1 or 2 units) of the unit at `i`, see unitInfo.
  let info = n > 0 ? unitInfo(text, 0) : 0;
  while (i < n) {
    const start = i;
    let needsWork = info & (CHANGES << 1);
    i += (info & 1) + 1;
    while (i < n) {
      info = unitInfo(text, i);
      if ((info & (ATTACHES << 1)) === 0) break;
      needsWork = 1;
      i += (info & 1) + 1;
    }
    if (needsWork === 0) continue;
    const segment = text.slice(start, i);
    const folded = i - start === 1 ? foldUnit(segment) : foldSegment(segment);
    if (folded === segment) continue;
    out ??= new MappedTextBuilder(input);
    out.keep(cursor, start);
    out.replace(start, i, folded);
    cursor = i;
  }
  if (out === null) return input;
  out.keep(cursor, n);
  return out.build();
}

/**
 * Folded forms of single code units seen so far ('！', 'Ａ', the ideographic space…): a message full of
 * full-width punctuation pays a map lookup per character instead of NFKC and three
 * replaces (about 200 ns each). At most one entry per BMP unit that NFKC changes (~4k).
 */
const foldedUnits = new Map<string, string>();

function foldUnit(unit: string): string {
  let folded = foldedUnits.get(unit);
  if (folded === undefined) foldedUnits.set(unit, (folded = foldSegment(unit)));
  return folded;
}

function foldSegment(segment: string): string {
  const nfkc = segment.replace(SPACING_VOICED_MARKS, voicedMarkToCombining).normalize('NFKC');
  return nfkc.replace(DASHES, '-').replace(WAVES, '~');
}

const voicedMarkToCombining = (mark: string): string => (mark === '\u309B' ? '\u3099' : '\u309A');

/**
 * Whether the character at `i` composes with, or is reordered around, the one before it, so
 * that it cannot be folded alone (foldCharacters asks before using its one-unit table).
 * @example attachesToPrevious('ｶﾞ', 1) // true
 */
export function attachesToPrevious(text: string, i: number): boolean {
  return (unitInfo(text, i) & (ATTACHES << 1)) !== 0;
}

/** `(flags << 1) | (width - 1)` of the character starting at `i`; lone surrogates are left alone. */
function unitInfo(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (astralFlags(c, low) << 1) | 1;
    return 0;
  }
  if (bmpPageReady[c >> 8] === 0) fillBmpPage(c >> 8);
  return bmpFlags[c]! << 1;
}

function fillBmpPage(page: number): void {
  for (let c = page << 8, end = c + 0x100; c < end; c++) bmpFlags[c] = classify(String.fromCharCode(c));
  bmpPageReady[page] = 1;
}

function astralFlags(high: number, low: number): number {
  const block = high - 0xd800;
  let flags = astralBlocks[block];
  if (flags === undefined) flags = astralBlocks[block] = classifyAstralBlock(high);
  return flags === null ? 0 : flags[low - 0xdc00]!;
}

/** Emoji and most astral blocks need nothing; they are remembered as `null` and cost nothing more. */
function classifyAstralBlock(high: number): Uint8Array | null {
  const flags = new Uint8Array(0x400);
  let any = 0;
  for (let low = 0; low < 0x400; low++) any |= flags[low] = classify(String.fromCharCode(high, 0xdc00 + low));
  return any === 0 ? null : flags;
}

function classify(ch: string): number {
  const folded = foldSegment(ch);
  let flags = folded === ch ? 0 : CHANGES;
  if (attaches(ch) || (folded.length > 0 && attaches(folded))) flags |= ATTACHES;
  return flags;
}

/** Composes with the preceding character: a mark, or a Hangul medial/final jamo. */
function attaches(s: string): boolean {
  const first = s.codePointAt(0)!;
  return (first >= 0x1160 && first <= 0x11ff) || STARTS_WITH_MARK.test(s);
}
