import { ANYTHING_SEEN, type CharactersSeen } from './characters-seen.js';
import { replaceMatches, type MappedText } from './mapped-text.js';

// Earlier steps already ran: kana is hiragana (アット → あっと), ASCII is lower-case and
// full-width brackets are ASCII ones, so each form below is written once.
const OPEN = '[(\\[{<〔【「『〈《]';
const CLOSE = '[)\\]}>〕】」』〉》]';
// A line break counts too: "m.kobayashi\n(あっと)\ngmail.com" splits an address over lines.
const GAP = '[ \\t\\n]{0,3}';
/** An address character must touch the spelled symbol on the left… */
const AFTER_ADDRESS = '(?<=[a-z0-9_])';
/** …and on the right, or it is prose ("あっという間に", "ドット柄"). */
const BEFORE_ADDRESS = '(?=[a-z0-9])';

/** A domain label; bounded, like the look-behinds that use it, so scanning stays linear. */
const LABEL = '[a-z0-9\\-]{1,63}';

const SPELLED_AT = `あっとまーく|あっとまあく|あっと|@まーく|atmark|${OPEN}[ \\t]?(?:at|@|あっとまーく|あっと)[ \\t]?${CLOSE}`;
const SPELLED_DOT = `どっと|${OPEN}[ \\t]?(?:dot|\\.|どっと|てん|点)[ \\t]?${CLOSE}`;

/**
 * Every spelled-out '@' or '.' between address tokens, with the spaces around it:
 * - Japanese and bracketed forms (あっと, アットマーク, (at), 〔dot〕, (てん), [.]);
 * - a bare 点 only after a token with a letter in it ("kenji 点 oda", but not the score "5点 b");
 * - bare English "at"/"dot" only inside a whole spelled address ("taro at gmail dot com"),
 *   so "look at google.com" stays prose.
 */
const SPELLED_SYMBOL = new RegExp(
  [
    `${AFTER_ADDRESS}${GAP}(?:${SPELLED_AT}|${SPELLED_DOT})${GAP}${BEFORE_ADDRESS}`,
    // The long look-behinds come after the word, so they only run where the word is.
    `${GAP}点(?<=[a-z][a-z0-9_.\\-]{0,63}${GAP}点)${GAP}(?=[a-z])`,
    `${AFTER_ADDRESS}[ \\t]+at[ \\t]+(?=${LABEL}[ \\t]+dot[ \\t]+[a-z0-9])`,
    `[ \\t]+dot(?<=(?:@|[ \\t]at[ \\t]+)${LABEL}(?:(?:[ \\t]+dot[ \\t]+|\\.)${LABEL}){0,7}[ \\t]+dot)[ \\t]+${BEFORE_ADDRESS}`,
  ].join('|'),
  'g',
);
/** "hxxp(s)" for http(s), "[:]" and "[/]" for ':' and '/': how links are defanged. */
const DEFANGED = /(?<![a-z])h(?:xx|\*\*)p(s?)(?=\[?:)|\[([:/])\]/g;
const MAY_BE_DEFANGED = /h(?:xx|\*\*)p|\[[:/]\]/;

/**
 * Cheap test that one of the spelled forms occurs at all; most messages stop here. Plain
 * substring searches first (V8's are fast), then the forms that need a neighbour: English
 * "at"/"dot" spaced or bracketed (not inside "data" or "format"), and 点 between ASCII
 * address characters only, since Japanese writes 点 everywhere (3点, 修正点). One regex of
 * all of them cost 0.87 µs per 300 characters, this 0.3, and it sends half as many texts
 * to SPELLED_SYMBOL.
 */
function maySpellSymbol(text: string, seen: Readonly<CharactersSeen>): boolean {
  // Every form stands between ASCII address characters, and the fold has told whether the
  // text has spaces or brackets: a regex over the whole text is only run where it can match.
  if (!seen.asciiLetter && !seen.asciiDigit) return false;
  return (
    text.includes('あっと') ||
    text.includes('どっと') ||
    text.includes('atmark') ||
    text.includes('@まーく') ||
    (seen.whitespace && SPACED_WORD.test(text)) ||
    (seen.openBracket && BRACKETED.test(text)) ||
    (text.includes('点') && KANJI_DOT.test(text))
  );
}
const SPACED_WORD = /[ \t](?:at|dot)[ \t]/;
const BRACKETED = new RegExp(`${OPEN}[ \\t]?(?:at|dot|[.@]|てん|点)`);
const KANJI_DOT = new RegExp(`[a-z0-9_.\\-]${GAP}点${GAP}[a-z]`);
const IS_AT = /あっと|at|@/;

/** Marks people put in place of '@' and then explain: ★ ☆ ■ ● ◆ ▲ ※ # * ♪ ♡ and any emoji. */
const SUBSTITUTE = '[★☆■□●○◆◇▲△▼▽※#*♪♡♥◎]|\\p{Extended_Pictographic}';
const SUBSTITUTE_MARK = new RegExp(`^(?:${SUBSTITUTE})$`, 'u');
const OPEN_BRACKET = new RegExp(`^${OPEN}$`);

/**
 * Whether a character is one of the marks this step explains (for foldCharacters, which notes them).
 * @example isSubstituteMark('★') // true
 */
export const isSubstituteMark = (char: string): boolean => SUBSTITUTE_MARK.test(char);
/**
 * Whether a character opens a bracketed symbol such as "(at)" (for foldCharacters, which notes them).
 * @example isOpenBracket('【') // true
 */
export const isOpenBracket = (char: string): boolean => OPEN_BRACKET.test(char);
const TARGETS = '([@.])(?:[ \\t]*(?:と|,|、|/|・|&)[ \\t]*([@.]))?';
const REWRITE_VERB = '(?:変え|変換|置き換え|置きかえ|おきかえ|置換|直し|なおし|かえ|替え|読み替え|よみかえ|して)';
/**
 * "★を@に変えてください", "🌀を@と.に置き換えてね", "※→@": the text itself says which
 * mark stands for '@' (and, with a second target, for '.').
 */
const INSTRUCTION = new RegExp(
  `(${SUBSTITUTE})[ \\t]*(?:(?:→|=|->|⇒)[ \\t]*${TARGETS}|(?:を|は)[ \\t]*${TARGETS}[ \\t]*(?:に|へ)?[ \\t]*${REWRITE_VERB})`,
  'gu',
);

/** "🍀は消してね", "※を抜いて": the mark is filler inside an ID or address and goes. */
const DELETION = new RegExp(
  `(${SUBSTITUTE})[ \\t]*(?:は|を)[ \\t]*(?:消して|けして|消す|取って|とって|抜いて|ぬいて|除いて|削除して|外して|はずして|無視して|むしして)`,
  'gu',
);
const MAY_EXPLAIN_DELETION = /(?:は|を)[ \t]*(?:消|けし|取っ|とっ|抜|ぬい|除|削除|外|はず|無視|むし)/;

/** Nobody explains more than a couple of substitute marks in one message. */
const MAX_EXPLAINED_MARKS = 4;

/** The part of an explanation that every form shares ("を@", "→@"); cheap to look for. */
const MAY_EXPLAIN_MARK = /(?:を|は|→|=|->|⇒)[ \t]*@/;

/**
 * Step 6: turns spelled-out '@' and '.' back into symbols where an ASCII address token
 * stands on both sides: "tomo.h0721 あっと gmail どっと com" → "tomo.h0721@gmail.com",
 * "koharu12〔at〕yahoo〔dot〕co〔dot〕jp" → "koharu12@yahoo.co.jp". When the text explains a
 * substitution ("★を@に変えてください"), the mark is replaced between address tokens too;
 * with two targets ("🌀を@と.に") the first occurrence becomes '@' and the rest '.'.
 * The explanation itself stays, and words like "あっという間" or "ドット柄" are untouched.
 * @example decodeSpelledSymbols(identityMapped('kenji 点 oda あっと yahoo 点 co 点 jp')).text // 'kenji.oda@yahoo.co.jp'
 */
export function decodeSpelledSymbols(input: MappedText, seen: Readonly<CharactersSeen> = ANYTHING_SEEN): MappedText {
  let output = input;
  // Security-style defanged links: "hxxps://drive[.]google[.]com" ([.] is a spelled dot below).
  if ((seen.asciiLetter || seen.openBracket) && MAY_BE_DEFANGED.test(output.text)) {
    output = replaceMatches(output, DEFANGED, (match) => (match[1] !== undefined ? `http${match[1]}` : match[2]!));
  }
  if (maySpellSymbol(output.text, seenIn(output, input, seen))) {
    output = replaceMatches(output, SPELLED_SYMBOL, (match) => (IS_AT.test(match[0]) ? '@' : '.'));
  }
  // Both explanations name a substitute mark, and this one an '@' ("★を@に").
  const known = seenIn(output, input, seen);
  if (known.atSign && known.substituteMark && MAY_EXPLAIN_MARK.test(output.text)) output = substituteExplainedMarks(output);
  if (seenIn(output, input, seen).substituteMark && MAY_EXPLAIN_DELETION.test(output.text)) output = deleteExplainedMarks(output);
  return output;
}

/**
 * What the fold saw, while the text is still the step's input; once a part of the step has
 * rewritten it, anything. A plain function: with an arrow function over `output` made in the
 * step instead, normalize() on clean 50-character messages took 1.06–1.13× its time before
 * the fold's findings existed, where it now takes 0.72–0.77× (same-process A/B).
 */
const seenIn = (output: MappedText, input: MappedText, seen: Readonly<CharactersSeen>): Readonly<CharactersSeen> => (output === input ? seen : ANYTHING_SEEN);

/** Removes a mark the text says to delete, where it stands between address/ID characters. */
function deleteExplainedMarks(input: MappedText): MappedText {
  const marks = new Set<string>();
  for (const match of input.text.matchAll(DELETION)) {
    marks.add(match[1]!);
    if (marks.size >= MAX_EXPLAINED_MARKS) break;
  }
  let output = input;
  for (const mark of marks) {
    const occurrence = new RegExp(`${AFTER_ADDRESS}${escapeRegExp(mark)}${BEFORE_ADDRESS}`, 'gu');
    output = replaceMatches(output, occurrence, () => '');
  }
  return output;
}

function substituteExplainedMarks(input: MappedText): MappedText {
  INSTRUCTION.lastIndex = 0;
  // One pass per distinct mark, at most MAX_EXPLAINED_MARKS of them: a text repeating
  // "★を@に変えて" N times must not cost N passes over itself (O(N·n), found by the
  // hardening suite's adversarial inputs).
  const byMark = new Map<string, RegExpExecArray>();
  for (const match of input.text.matchAll(INSTRUCTION)) {
    if (!byMark.has(match[1]!)) byMark.set(match[1]!, match as RegExpExecArray);
    if (byMark.size >= MAX_EXPLAINED_MARKS) break;
  }
  let output = input;
  for (const match of byMark.values()) {
    // Groups 2–3 are the targets after an arrow, 4–5 after を/は.
    const mark = match[1]!;
    const at = (match[2] ?? match[4])!;
    const rest = match[3] ?? match[5] ?? at;
    // Built per explained mark: this path runs only on texts that contain such an explanation.
    const occurrence = new RegExp(`${AFTER_ADDRESS}${GAP}${escapeRegExp(mark)}${GAP}${BEFORE_ADDRESS}`, 'gu');
    let seen = 0;
    output = replaceMatches(output, occurrence, () => (seen++ === 0 ? at : rest));
  }
  return output;
}

/** Escapes for a `u` regex, where only syntax characters may be escaped (not '-'). */
const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
