import { classOf, isAsciiDigit, SPACE } from './character-class.js';
import { KEPT_TABLE_UNITS, MappedTextBuilder, type MappedText } from './mapped-text.js';

/**
 * Ways to write each digit, after the earlier steps (kana is hiragana, ASCII lower-case):
 * kanji, 大字 (formal numerals), kana readings and English words. し (4) and く (9) are left
 * out: they are everywhere in Japanese prose.
 */
const DIGIT_WORDS: readonly (readonly string[])[] = [
  ['ぜろ', 'れい', 'まる', '〇', '零', 'zero'],
  ['いち', '一', '壱', '壹', 'one'],
  ['にー', 'にい', 'に', '二', '弐', '貳', 'two'],
  ['さん', '三', '参', '參', 'three'],
  ['よん', '四', '肆', 'four'],
  ['ごー', 'ごお', 'ご', '五', '伍', 'five'],
  ['ろく', '六', '陸', 'six'],
  ['なな', 'しち', '七', '漆', 'seven'],
  ['はち', '八', '捌', 'eight'],
  ['きゅう', 'きゅー', 'きゅ', '九', '玖', 'nine'],
];
const DIGIT_OF = new Map<string, string>();
DIGIT_WORDS.forEach((words, digit) => words.forEach((word) => DIGIT_OF.set(word, String(digit))));

/**
 * Longest first, so きゅう wins over きゅ and にー over に; にい gives way when it is
 * really に + いち ("にいち" is 2-1).
 */
const TOKEN = [...DIGIT_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((word) => (word === 'にい' ? 'にい(?!ち)' : word))
  .concat('[0-9]')
  .join('|');
/** Between two tokens: nothing, or one whitespace or one of these marks. */
const SEPARATOR_MARKS = '・,、-~';
const SEPARATOR = `[\\s${SEPARATOR_MARKS.replace('-', '\\-')}]`;
/** Three tokens at least: no number is shorter, and most particles (に, ご) stop here. */
const NUMBER_RUN = new RegExp(`(?:${TOKEN})(?:${SEPARATOR}?(?:${TOKEN})){2,}`, 'g');
const TOKEN_AT = new RegExp(`${TOKEN}`, 'y');
/**
 * A run of ASCII digits and separators only: it has no spelled token, so it is no number to
 * decode (isNumber), and tokenizing it digit by digit is skipped. Phone numbers, prices and
 * dates are such runs, and messages with contacts are full of them: reading every run of
 * them took 0.84–0.89× the time (same-process A/B, two runs).
 */
const DIGITS_ONLY = new RegExp(`^(?:[0-9]|${SEPARATOR})*$`);

const ASCII_LETTER = /[a-z]/;
const LETTER = /\p{L}/u;
/** Readings that also occur inside ordinary words (きれい, あつまる, みなさん); ぜろ does not. */
const UNAMBIGUOUS_READINGS = new Set(['ぜろ']);
/** A run this long is a number however it touches the words around it. */
const STRONG_RUN = 7;

type Kind = 'ascii' | 'english' | 'kana' | 'kanji';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly digit: string;
  readonly kind: Kind;
}

/**
 * Step 9: digits written as words become ASCII digits, in runs long enough to be a number:
 * four tokens, or three starting with a zero ("ぜろきゅうぜろ" → "090"). Tokens are kanji and
 * 大字 (〇一二…, 零壱弐参…), kana readings (ぜろ, いち, にー, きゅう…), English words and ASCII
 * digits, touching or separated by one of space ・ , 、 - ~. In a decoded run, '・' and the
 * separators between single digits go, and group separators stay: "ぜろ・きゅー・ぜろ、はち・
 * はち・いち・ご" → "090、8815", "090-ご1八3-ななよん9ぜろ" → "090-5183-7490".
 * Prose stays: ご確認, にさん日, いちご, 〇〇さん (a placeholder), ゼロから, きれいにさんぽ.
 * @example decodeNumberWords(identityMapped('ぜろきゅうぜろ よんよんろくぜろ')).text // '090 4460'
 */
export function decodeNumberWords(input: MappedText): MappedText {
  const text = input.text;
  const mayDecode = hasSpelledChain(text);
  // Scratch grown for a long text is not kept for the rest of the process.
  if (chain.length > KEPT_TABLE_UNITS) {
    chain = new Int32Array(0);
    spelledChain = new Int32Array(0);
  }
  return mayDecode ? decodeNumberRuns(input) : input;
}

/**
 * decodeNumberWords without the cheap test that most texts stop at: every run NUMBER_RUN
 * finds is read. Exported for the property test that holds the two to the same answers.
 */
export function decodeNumberRuns(input: MappedText): MappedText {
  const text = input.text;
  let out: MappedTextBuilder | null = null;
  let cursor = 0;
  NUMBER_RUN.lastIndex = 0;
  for (let match = NUMBER_RUN.exec(text); match !== null; match = NUMBER_RUN.exec(text)) {
    if (DIGITS_ONLY.test(match[0])) continue;
    const tokens = trimEdges(text, tokenize(text, match.index, match.index + match[0].length));
    if (!isNumber(tokens)) continue;
    out ??= new MappedTextBuilder(input);
    cursor = emitRun(out, text, tokens, cursor);
  }
  if (out === null) return input;
  out.keep(cursor, text.length);
  return out.build();
}

function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    TOKEN_AT.lastIndex = i;
    const found = TOKEN_AT.exec(text);
    if (found === null || found.index !== i) {
      i++; // a separator
      continue;
    }
    const word = found[0];
    const digit = DIGIT_OF.get(word) ?? word;
    tokens.push({ start: i, end: i + word.length, word, digit, kind: kindOf(word) });
    i += word.length;
  }
  return tokens;
}

function kindOf(word: string): Kind {
  const first = word.charCodeAt(0);
  if (isAsciiDigit(first)) return 'ascii';
  if (first < 0x80) return 'english';
  return first >= 0x3041 && first <= 0x309f ? 'kana' : 'kanji';
}

/**
 * Drops edge tokens that belong to the neighbouring word: an English word or digit glued to
 * ASCII letters ("someone", "mp3"), a one-kana particle glued to a word ("…5678にご連絡"),
 * and, in short runs, one reading glued to kana or kanji ("きれいにさんぽ", "みなさんにいちど").
 */
function trimEdges(text: string, tokens: Token[]): Token[] {
  let first = 0;
  let last = tokens.length - 1;
  while (first <= last && isGlued(text, tokens[first]!, tokens[first]!.start - 1, true)) first++;
  while (last >= first && isGlued(text, tokens[last]!, tokens[last]!.end, true)) last--;
  if (last - first + 1 < STRONG_RUN) {
    if (first <= last && isGlued(text, tokens[first]!, tokens[first]!.start - 1, false)) first++;
    if (last >= first && isGlued(text, tokens[last]!, tokens[last]!.end, false)) last--;
  }
  return tokens.slice(first, last + 1);
}

/** Whether `token` touches a letter at `outside` that makes it part of a word. */
function isGlued(text: string, token: Token, outside: number, strict: boolean): boolean {
  const neighbour = text[outside];
  if (neighbour === undefined) return false;
  if (token.kind === 'ascii' || token.kind === 'english') return ASCII_LETTER.test(neighbour);
  if (token.kind !== 'kana' || ASCII_LETTER.test(neighbour) || !LETTER.test(neighbour)) return false;
  return strict ? token.word.length === 1 : !UNAMBIGUOUS_READINGS.has(token.word);
}

function isNumber(tokens: readonly Token[]): boolean {
  const spelled = tokens.filter((t) => t.kind !== 'ascii');
  // One kanji digit among ASCII digits ("0八0") is a disguise; one kana reading is not
  // ("1234 ご確認").
  if (spelled.length < 2 && !(spelled.length === 1 && spelled[0]!.kind === 'kanji')) return false;
  const startsWithZero = tokens[0]?.digit === '0';
  if (tokens.length < 4 && !(tokens.length === 3 && startsWithZero)) return false;
  // 〇〇さん, まるまる: a blank placeholder, not the start of a number.
  const [first, second] = tokens as [Token, Token];
  if (startsWithZero && second.digit === '0' && first.kind !== 'ascii' && second.kind !== 'ascii') return false;
  // ゴゴゴゴ and other repeated sounds.
  return tokens.some((t) => t.kind === 'ascii') || spelled.some((t) => t.word !== spelled[0]!.word);
}

/**
 * Writes one decoded run: every token as its digit, mapped to the token's own span; '・'
 * dropped; other separators kept only between groups of two or more digits.
 */
function emitRun(out: MappedTextBuilder, text: string, tokens: readonly Token[], cursor: number): number {
  const groupSize = groupSizes(text, tokens);
  out.keep(cursor, tokens[0]!.start);
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (k > 0) {
      const previous = tokens[k - 1]!;
      const separator = text.slice(previous.end, token.start);
      const betweenGroups = separator !== '' && separator !== '・';
      if (betweenGroups && (groupSize[k - 1]! > 1 || groupSize[k]! > 1)) out.keep(previous.end, token.start);
    }
    if (token.kind === 'ascii') out.keep(token.start, token.end);
    else out.replace(token.start, token.end, token.digit);
  }
  return tokens[tokens.length - 1]!.end;
}

/** For each token, how many digits its group has (tokens joined by nothing or '・'). */
function groupSizes(text: string, tokens: readonly Token[]): number[] {
  const sizes = new Array<number>(tokens.length);
  let groupStart = 0;
  for (let k = 1; k <= tokens.length; k++) {
    const separator = k < tokens.length ? text.slice(tokens[k - 1]!.end, tokens[k]!.start) : null;
    if (separator === '' || separator === '・') continue;
    sizes.fill(k - groupStart, groupStart, k);
    groupStart = k;
  }
  return sizes;
}

/**
 * What each code unit can start: nothing (0), an ASCII digit (STARTS_DIGIT), or the spelled
 * words in `WORD_LISTS[id - 1]` (id > 0, below STARTS_DIGIT). Flat tables: a Map lookup, or a
 * sparse array indexed by kanji, cost ~40 ns per kana that starts a reading, a quarter of
 * the characters of Japanese prose.
 */
const TOKEN_START = new Uint8Array(0x10000);
const STARTS_NOTHING = 0;
const STARTS_DIGIT = 255;
const WORD_LISTS: string[][] = [];
for (const word of DIGIT_OF.keys()) {
  const first = word.charCodeAt(0);
  if (TOKEN_START[first] === STARTS_NOTHING) TOKEN_START[first] = WORD_LISTS.push([]);
  WORD_LISTS[TOKEN_START[first]! - 1]!.push(word);
}
for (let digit = 0x30; digit <= 0x39; digit++) TOKEN_START[digit] = STARTS_DIGIT;
/**
 * The second unit of every reading that starts with a unit, when they all have one and share
 * it (い: いち, き: きゅう/きゅー/きゅ), else 0: one table read rules out most starts in prose.
 * With it, and one look for where a chain goes on after a digit instead of two, the pass took
 * 0.82–0.89× the time on 300-character messages of the three mixes and on the dev corpus
 * (same-process A/B; the same answer on 21,255 texts and 200,000 generated ones).
 */
const SECOND_UNIT = new Uint16Array(0x10000);
for (const words of WORD_LISTS) {
  const seconds = new Set(words.map((word) => (word.length > 1 ? word.charCodeAt(1) : 0)));
  if (seconds.size === 1 && !seconds.has(0)) SECOND_UNIT[words[0]!.charCodeAt(0)] = [...seconds][0]!;
}
/** SEPARATOR_MARKS as a table; whitespace comes from the shared class table (classOf). */
const IS_SEPARATOR_MARK = new Uint8Array(0x10000);
for (const mark of SEPARATOR_MARKS) IS_SEPARATOR_MARK[mark.charCodeAt(0)] = 1;
/**
 * `chain[i]`: most tokens in a chain starting at i; `spelledChain[i]`: the same, with a spelled
 * token in it (else 0). Written only where a token may start, and read only there.
 */
let chain = new Int32Array(0);
let spelledChain = new Int32Array(0);

/**
 * Whether the text has a chain of three tokens, one of them spelled, that NUMBER_RUN could
 * match: every decoded run is one, so without it there is nothing to do. Japanese prose is
 * full of the kana that start readings (に, い, ご, さ…), where NUMBER_RUN tried its fifty
 * alternatives at every one (2–8 µs per 300 characters); this pass reads each position once,
 * right to left, and counts the longest chain over every way to cut the text into tokens.
 */
function hasSpelledChain(text: string): boolean {
  const n = text.length;
  if (chain.length < n + 2) {
    chain = new Int32Array(n + 2);
    spelledChain = new Int32Array(n + 2);
  }
  for (let i = n - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    const starts = TOKEN_START[code]!;
    if (starts === STARTS_NOTHING) continue;
    let any = 0;
    let spelled: number;
    if (starts === STARTS_DIGIT) {
      // A run of ASCII digits in one step: a chain is only ever read where it starts (a token
      // ends right before it, or a separator does), and its digits chain without a gap. Most
      // digits of a message are such runs (prices, dates, order numbers); with them read one
      // by one, the step took 1.23–1.25× the time on messages full of numbers, 1.07–1.09× on
      // those with contacts and on the dev corpus (same-process A/B, two runs, same answers).
      const end = i + 1;
      while (i > 0 && isAsciiDigit(text.charCodeAt(i - 1))) i--;
      const next = chainGoesOnAt(text, end);
      any = end - i + (next < 0 ? 0 : chain[next]!);
      const rest = next < 0 ? 0 : spelledChain[next]!;
      spelled = rest > 0 ? end - i + rest : 0;
    } else {
      const second = SECOND_UNIT[code]!;
      if (second === 0 || text.charCodeAt(i + 1) === second) {
        const words = WORD_LISTS[starts - 1]!;
        for (let w = 0; w < words.length; w++) {
          const word = words[w]!;
          // Most readings are two kana: their second one rules out nearly every start.
          if (word.length > 1 && (text.charCodeAt(i + 1) !== word.charCodeAt(1) || !text.startsWith(word, i))) continue;
          const next = chainGoesOnAt(text, i + word.length);
          const length = 1 + (next < 0 ? 0 : chain[next]!);
          if (length > any) any = length;
        }
      }
      spelled = any;
    }
    chain[i] = any;
    spelledChain[i] = spelled;
    if (spelled >= 3) return true;
  }
  return false;
}

/** Where a chain goes on after a token ending at `at`: there, or after one separator; -1 if it does not. */
function chainGoesOnAt(text: string, at: number): number {
  if (at >= text.length) return -1;
  const code = text.charCodeAt(at);
  if (TOKEN_START[code] !== STARTS_NOTHING) return at;
  if (at + 1 < text.length && (IS_SEPARATOR_MARK[code] === 1 || (classOf(code) & SPACE) !== 0)) {
    return TOKEN_START[text.charCodeAt(at + 1)] !== STARTS_NOTHING ? at + 1 : -1;
  }
  return -1;
}
