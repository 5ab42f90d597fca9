/**
 * Which literal strings a regular expression cannot match without: the analysis behind the
 * engine's literal gate (RE2's and Hyperscan's "prefilter", done once at load time). A
 * pattern such as `(?:電話|でんわ)で(?:話|相談)` needs "電話で" or "でんわで" somewhere in the
 * text; a text with neither is not handed to that rule at all. A pattern made of several
 * such parts needs one literal of each: `(?:口座|銀行)[^。]{0,30}番号` needs 口座 or 銀行, and
 * 番号 too, so the many order and member numbers of a message (注文番号, 会員番号) no longer
 * run it when no bank is named.
 *
 * The analysis only ever answers a set it can prove: anything it does not model (classes
 * too wide to list, `.`, `\p{…}`, back-references, optional parts) contributes no literal, and
 * a pattern with no provable literal gets `null`, so its rule always runs.
 */

import { isLowerAsciiAlphanumeric } from '../normalize/character-class.js';

/** Most strings a node may stand for before it counts as "any text" (keeps cross products small). */
const MAX_EXACT = 64;
/** Widest character class expanded into its characters ("[5789]" yes, "[a-z]" no). */
const MAX_CLASS = 8;
/** Most literals one set may hold before the gate stops paying for it. */
const MAX_REQUIRED = 512;
/**
 * Most sets one pattern is gated on. On the bench messages, three close as many parts as
 * sixteen, two nearly as many (10.7 instead of 10.5 parts open with contacts).
 */
const MAX_SETS = 4;
/**
 * Whether a literal is worth the gate's time in a set besides the best one: every literal is a
 * start the gate's pass looks for, and one-unit literals other than kanji ({は, を, も}, {で})
 * are in nearly every message. Per ~300-character message, against the best set alone (same
 * process, the three bench mixes):
 * - with every set, the gate's pass took 1.37–1.57× the time;
 * - with sets of two-unit literals and single kanji ({桁}, {下, 上, 末尾}), 1.20–1.28×, and
 *   parts open went from 10.1 to 7.0 on messages full of numbers, 13.3 to 10.5 with contacts,
 *   2.4 to 1.0 on clean ones. Scans took 0.92–0.93× the time on numbers and 0.88–0.92× on
 *   contacts (two runs, without the single kanji, which closed 0.8 more parts on numbers);
 * - with three units and more, next to nothing was closed.
 */
const HAN = /^\p{Script=Han}$/u;
const worthGating = (literal: string): boolean => literalLength(literal) >= 2 || HAN.test(literal.replace(WORD_START, ''));

/**
 * Marks a literal that starts a word: the unit before it, if any, is not [a-z0-9]. The
 * analysis reads it from a negative look-behind of one class that holds every [a-z0-9]:
 * `(?<![a-z0-9])`, the boundary words.ts puts in front of ASCII names, and any other spelling
 * (`[0-9a-z]`, `[\w]`, `[a-z0-9_.]`), so "x" the SNS is told from the "x" of "1200x630" (the
 * gate checks, see literal-gate.ts).
 * It only ever stands first in a literal. Parts open per ~300-character message full of
 * numbers went from 7.0 to 6.3, and scans of them took 0.87–0.90× the time (same process,
 * two runs): the three SNS rules no longer ran on image sizes.
 */
export const WORD_START = '\u0001';
/** A literal's length without its WORD_START mark. */
export const literalLength = (literal: string): number => (literal.startsWith(WORD_START) ? literal.length - 1 : literal.length);
/** A literal that needs nothing: empty, or only the mark. */
const isBlank = (literal: string): boolean => literalLength(literal) === 0;

/**
 * Sets of literals that every match contains one of each: "(?:口座|銀行).{0,30}番号" needs
 * one of 口座 and 銀行 *and* 番号. A conjunction of disjunctions; empty when nothing is known.
 */
export type LiteralSets = readonly (readonly string[])[];

/** What the analysis knows of one node of the pattern. */
interface Info {
  /** The node matches exactly one of these strings (empty string included), or null if unknown. */
  readonly exact: readonly string[] | null;
  /** Every match of the node contains one literal of each of these sets (each non-empty, of non-empty strings). */
  readonly sets: LiteralSets;
  /**
   * Every match of the node starts with one of these, or null if unknown: where the exact
   * strings are not known, a WORD_START mark before the node can still go onto its first
   * units ("(?<![0-9a-z])(?:0x[0-9a-f]{40}|bc1…)" needs "0x" or "bc1" at a word's start).
   */
  readonly prefix: readonly string[] | null;
}

const ANY: Info = { exact: null, sets: [], prefix: null };
const EMPTY: Info = { exact: [''], sets: [], prefix: [''] };
const literal = (s: string): Info => ({ exact: [s], sets: s === '' ? [] : [[s]], prefix: [s] });

class Unsupported extends Error {}

/**
 * The sets of literals of which every match of `source` contains at least one each, best
 * first (at most MAX_SETS, none implied by another), or null when none can be named (then the
 * pattern must run on every text). Only patterns compiled with the `u` flag and without `i`,
 * as the pattern and keyword detectors compile theirs, are analysed.
 * @example requiredLiteralSets('(?:口座|銀行).{0,30}番号', 'gu') // [['番号'], ['口座', '銀行']]
 * @example requiredLiteralSets('(?:電話|でんわ)で', 'gu') // [['電話で', 'でんわで']]
 * @example requiredLiteralSets('[0-9]{4}', 'gu') // null
 */
export function requiredLiteralSets(source: string, flags: string): string[][] | null {
  if (!flags.includes('u') || flags.includes('i') || flags.includes('v')) return null;
  try {
    const parser = new Parser(source);
    const info = parser.parseAlternation();
    if (parser.at < source.length) return null;
    const sets = strongest(setsOf(info).filter((set) => set.length <= MAX_REQUIRED)).filter((set, k) => k === 0 || set.every(worthGating));
    return sets.length === 0 ? null : sets.map((set) => [...set]);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** The node's sets, and the exact strings it stands for as one more set when they are known. */
function setsOf(info: Info): LiteralSets {
  const sets = info.exact !== null && !info.exact.some(isBlank) ? [...info.sets, info.exact] : info.sets;
  return info.prefix !== null && !info.prefix.some(isBlank) ? [...sets, info.prefix] : sets;
}

/**
 * The best MAX_SETS of `sets`, without duplicates or sets implied by another: {電話} goes when
 * {電話で} is there, since every literal of the second contains one of the first.
 */
function strongest(sets: LiteralSets): LiteralSets {
  const ranked = bySelectivity([...new Map(sets.map(minimal).map((set) => [[...set].sort().join('\u0000'), set])).values()]);
  const kept: (readonly string[])[] = [];
  for (const [k, set] of ranked.entries()) {
    const implied = ranked.some((other, j) => j !== k && implies(other, set) && (!implies(set, other) || j < k));
    if (!implied) kept.push(set);
  }
  return kept.slice(0, MAX_SETS);
}

/** The set without literals that contain another of its literals ("050-" goes where "050" is). */
function minimal(set: readonly string[]): readonly string[] {
  const kept = set.filter((x, k) => !set.some((y, j) => j !== k && x.includes(y) && (x !== y || j < k)));
  return kept.length === set.length ? set : kept;
}

/** Whether a text meeting `a` meets `b`: every literal of `a` contains one of `b`. */
function implies(a: readonly string[], b: readonly string[]): boolean {
  return a.every((x) => b.some((y) => x.includes(y)));
}

/**
 * The sets, the more selective first: longer shortest literal, then fewer literals; equal
 * sets keep their order. Each set's shortest literal is measured once, not per comparison.
 */
function bySelectivity(sets: readonly (readonly string[])[]): (readonly string[])[] {
  return sets
    .map((set) => ({ set, shortest: shortest(set) }))
    .sort((a, b) => b.shortest - a.shortest || a.set.length - b.set.length)
    .map((ranked) => ranked.set);
}

/** The most selective of a node's sets (the first of bySelectivity), or null. */
function bestSet(info: Info): readonly string[] | null {
  let best: readonly string[] | null = null;
  let bestShortest = 0;
  for (const set of setsOf(info)) {
    const length = shortest(set);
    if (best === null || length > bestShortest || (length === bestShortest && set.length < best.length)) [best, bestShortest] = [set, length];
  }
  return best;
}

function shortest(set: readonly string[]): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, literalLength(s));
  return min;
}

function product(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(join(x, y));
  return [...out];
}

/** x then y; a WORD_START mark of y stays only when nothing of x comes before it. */
function join(x: string, y: string): string {
  if (!y.startsWith(WORD_START)) return x + y;
  return isBlank(x) ? y : x + y.slice(1);
}

function sequence(items: readonly Info[]): Info {
  let exact: readonly string[] | null = [''];
  // What every match starts with: the known text up to the first node that is not, then that node's prefix.
  let prefix: readonly string[] = [''];
  let prefixOpen = true;
  const sets: (readonly string[])[] = [];
  // Adjacent nodes of known text multiply into longer, rarer literals ("0" "[5789]" "0" → "050"…).
  let run: readonly string[] | null = null;
  const closeRun = () => {
    if (run !== null && !run.some(isBlank)) sets.push(run);
    run = null;
  };
  for (const item of items) {
    exact = exact !== null && item.exact !== null ? product(exact, item.exact) : null;
    if (prefixOpen) {
      const grown = product(prefix, item.exact ?? item.prefix ?? ['']);
      prefix = grown ?? prefix;
      prefixOpen = grown !== null && item.exact !== null;
    }
    sets.push(...item.sets);
    if (item.exact === null) {
      // The run goes on into the node's first units: "0x" after a mark that it starts a word.
      if (item.prefix !== null) {
        const into = product(run ?? [''], item.prefix);
        if (into !== null && !into.some(isBlank)) sets.push(into);
      }
      closeRun();
      continue;
    }
    const grown: string[] | null = run === null ? [...item.exact] : product(run, item.exact);
    if (grown === null) {
      closeRun();
      run = item.exact;
    } else {
      run = grown;
    }
  }
  closeRun();
  return { exact, sets: strongest(sets), prefix };
}

/**
 * Every match is one alternative's: the union of their best sets is the one set known.
 * Gathered in Sets, not arrays copied per alternative: a word list of a few hundred words is
 * an alternation of as many, and the copies were quadratic in them. With this and the sets
 * ranked on a measure taken once (bySelectivity), a warm load of the built-in pack took
 * 0.91–0.92× the time (same process, two runs); the same sets come out (the pack's, and
 * 30,000 generated patterns compared with the code before).
 */
function alternation(alternatives: readonly Info[]): Info {
  if (alternatives.length === 1) return alternatives[0]!;
  let exact: Set<string> | null = new Set();
  let union: Set<string> | null = new Set();
  let prefix: Set<string> | null = new Set();
  for (const alt of alternatives) {
    if (prefix !== null && alt.prefix !== null && prefix.size + alt.prefix.length <= MAX_EXACT) for (const p of alt.prefix) prefix.add(p);
    else prefix = null;
    if (exact !== null && alt.exact !== null) {
      for (const e of alt.exact) exact.add(e);
      if (exact.size > MAX_EXACT) exact = null;
    } else {
      exact = null;
    }
    const own = bestSet(alt);
    if (union !== null && own !== null) for (const l of own) union.add(l);
    else union = null;
  }
  return { exact: exact && [...exact], sets: union === null ? [] : [[...union]], prefix: prefix && [...prefix] };
}

function repeat(info: Info, min: number, max: number): Info {
  if (min === 0) {
    // Optional: it may match nothing, so it requires nothing.
    return { exact: max === 1 && info.exact !== null ? [...new Set(['', ...info.exact])] : null, sets: [], prefix: [''] };
  }
  let exact: readonly string[] | null = null;
  if (min === max && info.exact !== null && min <= 4) {
    exact = [''];
    for (let k = 0; k < min && exact !== null; k++) exact = product(exact, info.exact);
  }
  return { exact, sets: setsOf(info), prefix: info.prefix };
}

/** A recursive-descent reader of the `u`-mode regex grammar, just deep enough to see literals. */
class Parser {
  at = 0;
  constructor(private readonly source: string) {}

  parseAlternation(): Info {
    const alternatives = [this.parseSequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      alternatives.push(this.parseSequence());
    }
    return alternation(alternatives);
  }

  private parseSequence(): Info {
    const items: Info[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      items.push(this.parseQuantified());
    }
    return sequence(items);
  }

  private parseQuantified(): Info {
    const atom = this.parseAtom();
    const c = this.source[this.at];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (m === null) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.at += m[0].length - 1;
    } else {
      return atom.info;
    }
    this.at++;
    if (this.source[this.at] === '?') this.at++; // lazy
    if (atom.assertion) throw new Unsupported(); // a quantified assertion is legal only without `u`
    return repeat(atom.info, min, max);
  }

  private parseAtom(): { info: Info; assertion: boolean } {
    const s = this.source;
    const c = s[this.at]!;
    if (this.readWordBoundary()) return { info: { exact: [WORD_START], sets: [], prefix: [WORD_START] }, assertion: true };
    if (c === '(') {
      this.at++;
      let assertion = false;
      if (s[this.at] === '?') {
        const head = s.slice(this.at, this.at + 3);
        if (head.startsWith('?:')) this.at += 2;
        else if (head.startsWith('?=') || head.startsWith('?!')) [this.at, assertion] = [this.at + 2, true];
        else if (head === '?<=' || head === '?<!') [this.at, assertion] = [this.at + 3, true];
        else if (head.startsWith('?<')) {
          const end = s.indexOf('>', this.at);
          if (end < 0) throw new Unsupported();
          this.at = end + 1;
        } else throw new Unsupported();
      }
      const inner = this.parseAlternation();
      if (s[this.at] !== ')') throw new Unsupported();
      this.at++;
      // Look-arounds consume nothing: they neither add nor break literals around them.
      return { info: assertion ? EMPTY : inner, assertion };
    }
    if (c === '[') return { info: this.parseClass(), assertion: false };
    if (c === '.') {
      this.at++;
      return { info: ANY, assertion: false };
    }
    if (c === '^' || c === '$') {
      this.at++;
      return { info: EMPTY, assertion: true };
    }
    if (c === '\\') return this.parseEscape();
    if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') throw new Unsupported();
    const code = s.codePointAt(this.at)!;
    const ch = String.fromCodePoint(code);
    this.at += ch.length;
    return { info: literal(ch), assertion: false };
  }

  private parseEscape(): { info: Info; assertion: boolean } {
    const s = this.source;
    const e = s[this.at + 1];
    if (e === undefined) throw new Unsupported();
    this.at += 2;
    if (e === 'b' || e === 'B') return { info: EMPTY, assertion: true };
    if ('dDwWsS'.includes(e)) return { info: ANY, assertion: false };
    if (e === 'p' || e === 'P') {
      this.skipBraces();
      return { info: ANY, assertion: false };
    }
    // A back-reference matches what its group matched, possibly nothing.
    if (e === 'k') {
      const end = s.indexOf('>', this.at);
      if (s[this.at] !== '<' || end < 0) throw new Unsupported();
      this.at = end + 1;
      return { info: ANY, assertion: false };
    }
    if (e >= '1' && e <= '9') {
      while (s[this.at] !== undefined && s[this.at]! >= '0' && s[this.at]! <= '9') this.at++;
      return { info: ANY, assertion: false };
    }
    return { info: literal(this.escapedCharacter(e)), assertion: false };
  }

  /** The character a character escape stands for (`\n`, `\x41`, `\u{1F600}`, `\.`), after its letter. */
  private escapedCharacter(e: string): string {
    const s = this.source;
    switch (e) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case 'c': {
        const letter = s.charCodeAt(this.at++);
        return String.fromCharCode(letter % 32);
      }
      case 'x': {
        const hex = s.slice(this.at, this.at + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Unsupported();
        this.at += 2;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case 'u': {
        if (s[this.at] === '{') {
          const end = s.indexOf('}', this.at);
          if (end < 0) throw new Unsupported();
          const code = parseInt(s.slice(this.at + 1, end), 16);
          this.at = end + 1;
          return String.fromCodePoint(code);
        }
        const hex = s.slice(this.at, this.at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Unsupported();
        this.at += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        if (/[a-zA-Z0-9]/.test(e)) throw new Unsupported();
        return e; // identity escape: \. \- \/ \\ \( …
    }
  }

  private skipBraces(): void {
    if (this.source[this.at] !== '{') throw new Unsupported();
    const end = this.source.indexOf('}', this.at);
    if (end < 0) throw new Unsupported();
    this.at = end + 1;
  }

  /**
   * At a negative look-behind of one class holding every [a-z0-9] (`(?<![a-z0-9])`,
   * `(?<![\w.])`…): moves past it and answers true, for what follows starts a word. Anywhere
   * else, stays and answers false.
   */
  private readWordBoundary(): boolean {
    const s = this.source;
    if (!s.startsWith('(?<![', this.at) || s[this.at + 5] === '^') return false;
    const start = this.at;
    this.at += 5;
    const covered = new Set<number>();
    const cover = (from: number, to: number): void => {
      for (let code = from; code <= to && code <= 0x7a; code++) covered.add(code);
    };
    while (this.at < s.length && s[this.at] !== ']') {
      const escape = s[this.at] === '\\' ? s[this.at + 1] : undefined;
      if (escape === 'd' || escape === 'w') {
        this.at += 2;
        cover(0x30, 0x39);
        if (escape === 'w') cover(0x61, 0x7a);
        continue;
      }
      // Other set escapes (\D, \s, \p{…}) come back as null and count for nothing.
      const from = this.classAtom();
      if (from === null) continue;
      let to = from;
      if (s[this.at] === '-' && s[this.at + 1] !== ']') {
        this.at++;
        to = this.classAtom() ?? from;
      }
      cover(from.codePointAt(0)!, to.codePointAt(0)!);
    }
    let holdsWords = s.startsWith('])', this.at);
    for (let code = 0x30; holdsWords && code <= 0x7a; code++) if (isLowerAsciiAlphanumeric(code) && !covered.has(code)) holdsWords = false;
    if (holdsWords) this.at += 2;
    else this.at = start;
    return holdsWords;
  }

  /** A class of at most MAX_CLASS listed characters stands for those; anything wider for any one character. */
  private parseClass(): Info {
    const s = this.source;
    this.at++;
    const negated = s[this.at] === '^';
    if (negated) this.at++;
    const chars = new Set<string>();
    let wide = negated;
    while (s[this.at] !== ']') {
      if (this.at >= s.length) throw new Unsupported();
      const from = this.classAtom();
      if (s[this.at] === '-' && s[this.at + 1] !== ']' && from !== null) {
        this.at++;
        const to = this.classAtom();
        if (to === null) throw new Unsupported();
        const a = from.codePointAt(0)!;
        const b = to.codePointAt(0)!;
        if (b - a + 1 > MAX_CLASS) wide = true;
        else for (let code = a; code <= b; code++) chars.add(String.fromCodePoint(code));
      } else if (from === null) {
        wide = true;
      } else {
        chars.add(from);
      }
    }
    this.at++;
    if (wide || chars.size > MAX_CLASS || chars.size === 0) return ANY;
    const list = [...chars];
    return { exact: list, sets: [list], prefix: list };
  }

  /** One character of a class, or null for a set escape (`\d`, `\p{L}`). */
  private classAtom(): string | null {
    const s = this.source;
    if (s[this.at] !== '\\') {
      const ch = String.fromCodePoint(s.codePointAt(this.at)!);
      this.at += ch.length;
      return ch;
    }
    const e = s[this.at + 1];
    if (e === undefined) throw new Unsupported();
    this.at += 2;
    if ('dDwWsS'.includes(e)) return null;
    if (e === 'p' || e === 'P') {
      this.skipBraces();
      return null;
    }
    if (e === 'b') return '\b';
    if (e === '-') return '-';
    return this.escapedCharacter(e);
  }
}
