import { hasClass, MARK } from './character-class.js';
import { decodeNumberWords } from './decode-number-words.js';
import { decodeSpelledSymbols } from './decode-spelled-symbols.js';
import { ANYTHING_SEEN, type CharactersSeen } from './characters-seen.js';
import { CONTEXT_FREE_FOLDS, foldCharacters, foldCharactersAround } from './fold-characters.js';
import { foldBrandConfusables } from './fold-brand-confusables.js';
import { foldCase } from './fold-case.js';
import { foldConfusables } from './fold-confusables.js';
import { foldDigitLookalikes } from './fold-digit-lookalikes.js';
import { foldKana } from './fold-kana.js';
import { foldWidth } from './fold-width.js';
import { joinSeparatedLetters } from './join-separated-letters.js';
import { joinSpacedCharacters } from './join-spaced-characters.js';
import { identityMapped, type MappedText } from './mapped-text.js';
import { stripFormatCharacters } from './strip-format-characters.js';

export { identityMapped, originalSpan, type MappedText } from './mapped-text.js';

/**
 * One transformer of the pipeline: takes a mapped text, returns one (the same object when it
 * changed nothing, which is how the pipeline knows). `seen` is what foldCharacters found in
 * the input text ({@link ANYTHING_SEEN} when unknown): a step may skip the work that needs
 * what the text lacks, and a property test holds each step to the same answer either way.
 * @example const step: NormalizationStep = { name: 'foldKana', apply: foldKana };
 */
export interface NormalizationStep {
  readonly name: string;
  apply(input: MappedText, seen?: Readonly<CharactersSeen>): MappedText;
}

/**
 * The pipeline, in order. Each step relies on the ones before it: folding width first lets
 * case, look-alike and kana folding see one form of each letter; the decoders and joiners
 * then only need to know hiragana and lower-case ASCII.
 * @example NORMALIZATION_STEPS.map((step) => step.name)[0] // 'stripFormatCharacters'
 */
export const NORMALIZATION_STEPS: readonly NormalizationStep[] = Object.freeze([
  { name: 'stripFormatCharacters', apply: stripFormatCharacters },
  { name: 'foldWidth', apply: foldWidth },
  { name: 'foldCase', apply: foldCase },
  { name: 'foldConfusables', apply: foldConfusables },
  { name: 'foldDigitLookalikes', apply: foldDigitLookalikes },
  { name: 'foldKana', apply: foldKana },
  { name: 'decodeSpelledSymbols', apply: decodeSpelledSymbols },
  { name: 'joinSpacedCharacters', apply: joinSpacedCharacters },
  { name: 'joinSeparatedLetters', apply: joinSeparatedLetters },
  { name: 'decodeNumberWords', apply: decodeNumberWords },
  { name: 'foldBrandConfusables', apply: foldBrandConfusables },
]);

/**
 * Steps from here on rewrite text into something an earlier step may read differently: a
 * decoded number is an address token for decodeSpelledSymbols ("ぜろきゅうぜろ あっと gmail"),
 * joined letters can compose under NFKC. The steps before only fold characters, and running
 * them again on their own output changes nothing…
 */
const FIRST_REWRITING_STEP = NORMALIZATION_STEPS.findIndex((step) => step.name === 'decodeSpelledSymbols');
/**
 * …except next to a combining mark: a folded letter may compose where the original did not
 * (Cyrillic "о\u0301" has no precomposed form, the Latin "o\u0301" folds to "ó" under NFKC).
 */
const FOLD_WIDTH_STEP = NORMALIZATION_STEPS.findIndex((step) => step.name === 'foldWidth');
/** The steps foldCharacters stands for when it can fold every character alone. */
const DONE_BY_FOLD_CHARACTERS = NORMALIZATION_STEPS.map((step) => CONTEXT_FREE_FOLDS.includes(step.apply));
const LAST_FOLD_STEP = DONE_BY_FOLD_CHARACTERS.lastIndexOf(true);
/** A rewrite enables at most a short chain of others; this bound is never reached in the tests. */
const MAX_PASSES = 8;

/**
 * What foldCharacters found in the text it last answered, reused by every normalize() call
 * (it runs to the end without yielding, so one call never sees another's).
 *
 * Why: on 300-character clean talk-room messages, which have no separator at all, the two
 * joining steps cost 3.3 of the ~8 µs normalization took (2.45 + 0.84, each reading every
 * character for a run to join); noting the separators in the fold's own pass costs a table
 * read per character. normalize() on clean messages of 50, 300 and 2,000 characters took
 * 0.65× the time, on messages full of numbers or contacts the same within 1 % (same-process
 * A/B, Node 20). Messages full of numbers have separators ("2024/11/20", "3,000円") but
 * seldom a single letter or digit before one; noting that too took their normalize() to
 * 0.89×, and contacts' to 0.88×, clean ones unchanged. Of the 465 texts of the labelled dev
 * corpus, most of them contact attempts, the fold finds 54 % without whitespace and 79 %
 * without separated singles.
 *
 * The other steps then tested the whole text with regexes for what they need, each a share
 * of a scan's profile over the three bench mixes: a bracket (2.0 %), an '@' (0.8 %), an emoji
 * or other substitute mark (1.3 %), ASCII letters (0.7 + 0.6 %), a digit beside a look-alike
 * letter (1.1 %), a character between spaces (1.5 %). With the fold's findings for these
 * too, normalize() took 0.71–0.72× the time on clean messages of 300 characters, 0.73–0.74×
 * on numbers, 0.83–0.85× on contacts and 0.76–0.87× on the dev corpus (same-process A/B, two
 * runs).
 */
const seen: CharactersSeen = { ...ANYTHING_SEEN };

/**
 * Normalizes a text for detection and keeps the map to the caller's offsets. The steps run
 * in order; when one of the rewriting steps changed something, the pipeline runs again on its
 * own output until nothing changes, so normalized text is a fixed point:
 * `normalize(normalize(x).text).text === normalize(x).text`. A plain message takes one pass.
 * @example
 * const m = normalize('ＬＩＮＥ：ｋｅｎｔａ８８');
 * m.text // 'line:kenta88'
 * originalSpan(m, 5, 12) // [5, 12], the full-width 'ｋｅｎｔａ８８'
 */
export function normalize(text: string): MappedText {
  let mapped = identityMapped(text);
  // Steps after this index saw the current text in the previous pass and left it alone; as
  // long as nothing changes it again they would again, so a re-pass stops there. A re-pass
  // caused by a decoded "あっと" then costs the steps up to decodeSpelledSymbols, not all eleven.
  let lastChange = NORMALIZATION_STEPS.length;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let rewritten = false;
    let lastChangeInPass = -1;
    // The five context-free folds in one pass (fold-characters.ts). The common case: every
    // character folds alone, one table read each, and the map stays as it is.
    // `seen` describes `folded`; when the fold could not answer (null) it is not used.
    const folded = foldCharacters(mapped.text, seen);
    if (folded !== null && folded !== mapped.text) {
      mapped = { ...mapped, text: folded };
      lastChangeInPass = LAST_FOLD_STEP;
    } else if (folded === null) {
      const next = foldCharactersAround(mapped);
      // A folded letter may compose with a mark that follows it on the next pass.
      if (next.text !== mapped.text && hasClass(next.text, MARK)) rewritten = true;
      if (next !== mapped) lastChangeInPass = LAST_FOLD_STEP;
      mapped = next;
    }
    for (let k = 0; k < NORMALIZATION_STEPS.length; k++) {
      if (lastChangeInPass < 0 && k > lastChange) break;
      if (DONE_BY_FOLD_CHARACTERS[k]) continue;
      const step = NORMALIZATION_STEPS[k]!;
      const next = step.apply(mapped, mapped.text === folded ? seen : ANYTHING_SEEN);
      if (next === mapped) continue;
      // The fused fold ran before foldDigitLookalikes although it stands for foldKana after it.
      lastChangeInPass = Math.max(lastChangeInPass, k);
      const changed = next.text !== mapped.text;
      mapped = next;
      if (changed && (k >= FIRST_REWRITING_STEP || (k > FOLD_WIDTH_STEP && hasClass(next.text, MARK)))) {
        rewritten = true;
      }
    }
    if (!rewritten) break;
    lastChange = lastChangeInPass;
  }
  return mapped;
}

/**
 * The normalized text of a literal, for keywords in rule files: a keyword and the scanned
 * text are read the same way, so "ライン" in a rule matches "ﾗｲﾝ" and "L I N E" in a message.
 * @example normalizeLiteral('ライン') // 'らいん'
 */
export function normalizeLiteral(text: string): string {
  return normalize(text).text;
}
