/**
 * Turning word lists from rule files into regex sources. Shared by the keyword, pattern and
 * contact-id detectors and by context clauses, so every list is matched the same way.
 */

// '-' and '/' need no escape outside a class, and the 'u' flag rejects escapes it does not know.
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** Escapes a literal for use inside a regex source. @example escapeRegex('a.b') // 'a\\.b' */
export const escapeRegex = (literal: string): string => literal.replace(REGEX_SPECIALS, '\\$&');

const ASCII_WORD_EDGE = /^[a-z0-9]/;
const ASCII_WORD_END = /[a-z0-9]$/;
/** Before a word that starts with an ASCII letter or digit: not inside another ASCII word. */
const NOT_AFTER_ASCII = '(?<![a-z0-9])';
/** After a word that ends with one: not inside another ASCII word, but `id` may follow. */
const NOT_BEFORE_ASCII = '(?!(?!id)[a-z0-9])';

/**
 * Wraps one normalized word so that ASCII words only match whole: `x` must not match inside
 * `1920x1080`, `line` not inside `online` or `linen`. A trailing `id` is allowed
 * (`lineid:…` is common), since that is how people run the words together.
 * @example boundedWord('line') // '(?<![a-z0-9])line(?!(?!id)[a-z0-9])'
 */
export function boundedWord(word: string): string {
  let source = escapeRegex(word);
  if (ASCII_WORD_EDGE.test(word)) source = `${NOT_AFTER_ASCII}${source}`;
  if (ASCII_WORD_END.test(word)) source = `${source}${NOT_BEFORE_ASCII}`;
  return source;
}

/**
 * An alternation of words, longest first so the longest alias wins at a position.
 *
 * Written for V8's backtracking engine, with the same matches as one bounded alternative per
 * word: words that start with an ASCII letter or digit share one look-behind, and each run of
 * them with the same kind of end shares one look-ahead. Two words can only both match at a
 * position if they start with the same character, so moving the ASCII-led words ahead of the
 * others keeps "longest first" wherever it matters. On the 43 SNS names of the default pack,
 * over ~300-character messages (Node 20, CPU time): 3.7 µs per message one-per-word, 2.2 µs so.
 * @example alternation(['line', 'らいん']) // '(?:(?<![a-z0-9])line(?!(?!id)[a-z0-9])|らいん)'
 */
export function alternation(words: readonly string[]): string {
  const unique = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (unique.length === 0) return '(?!)';
  const asciiLed = unique.filter((w) => ASCII_WORD_EDGE.test(w));
  const others = unique.filter((w) => !ASCII_WORD_EDGE.test(w)).map(boundedWord);
  if (asciiLed.length === 0) return `(?:${others.join('|')})`;
  const runs: string[] = [];
  for (let i = 0; i < asciiLed.length; ) {
    const bounded = ASCII_WORD_END.test(asciiLed[i]!);
    let j = i + 1;
    while (j < asciiLed.length && ASCII_WORD_END.test(asciiLed[j]!) === bounded) j++;
    const run = asciiLed.slice(i, j).map(escapeRegex);
    const body = run.length === 1 ? run[0]! : `(?:${run.join('|')})`;
    runs.push(bounded ? `${body}${NOT_BEFORE_ASCII}` : body);
    i = j;
  }
  const led = `${NOT_AFTER_ASCII}${runs.length === 1 ? runs[0]! : `(?:${runs.join('|')})`}`;
  return `(?:${[led, ...others].join('|')})`;
}

/** Compound exclusions shared by detectors that match names (`LINEスタンプ`, `ガイドライン`). */
export interface CompoundExclusions {
  notFollowedBy?: readonly string[] | undefined;
  notPrecededBy?: readonly string[] | undefined;
}

/**
 * Regex source for "any of these words, except inside the listed compounds". All inputs
 * are literals from rule files; they are normalized here so authors may write katakana.
 * @example namesSource(['LINE'], { notFollowedBy: ['スタンプ'] }, env)
 */
export function namesSource(
  words: readonly string[],
  exclusions: CompoundExclusions,
  env: { normalizeLiteral(s: string): string; alternation(words: readonly string[]): string },
): string {
  const after = exclusions.notFollowedBy?.length ? `(?!\\s?${env.alternation(exclusions.notFollowedBy.map(env.normalizeLiteral))})` : '';
  const names = env.alternation(words.map(env.normalizeLiteral));
  if (!exclusions.notPrecededBy?.length) return `${names}${after}`;
  // The compounds before a name are looked for behind the name's end, where the name is, and
  // not behind every position of the text: LINE's forty cost 0.88 µs per 300 characters in
  // front of the names, 0.35 after them (the three bench mixes). The name is captured so
  // that the look-behind reads exactly it (\1) and then what stands before it.
  return `(${names})(?<!${env.alternation(exclusions.notPrecededBy.map(env.normalizeLiteral))}\\s?\\1)${after}`;
}
