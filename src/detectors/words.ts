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

/**
 * Wraps one normalized word so that ASCII words only match whole: `x` must not match inside
 * `1920x1080`, `line` not inside `online` or `linen`. A trailing `id` is allowed
 * (`lineid:…` is common), since that is how people run the words together.
 * @example boundedWord('line') // '(?<![a-z0-9])line(?!(?!id)[a-z0-9])'
 */
export function boundedWord(word: string): string {
  let source = escapeRegex(word);
  if (ASCII_WORD_EDGE.test(word)) source = `(?<![a-z0-9])${source}`;
  if (ASCII_WORD_END.test(word)) source = `${source}(?!(?!id)[a-z0-9])`;
  return source;
}

/**
 * An alternation of words, longest first so the longest alias wins at a position.
 * @example alternation(['line', 'らいん']) // '(?:(?<![a-z0-9])line(?!…)|らいん)'
 */
export function alternation(words: readonly string[]): string {
  const unique = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (unique.length === 0) return '(?!)';
  return `(?:${unique.map(boundedWord).join('|')})`;
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
  const before = exclusions.notPrecededBy?.length ? `(?<!${env.alternation(exclusions.notPrecededBy.map(env.normalizeLiteral))}\\s?)` : '';
  return `${before}${env.alternation(words.map(env.normalizeLiteral))}${after}`;
}
