/**
 * The literal gate: one pass over the normalized text decides which rules can match at all,
 * so a rule whose every match needs "電話" or "でんわ" costs nothing on a text with neither.
 * Detectors say what they need through `partLiterals` (see required-literals.ts); rules
 * whose detector names nothing always run.
 *
 * On the default pack the 41 gated rules cost 75.5 µs per ~300-character message (the three
 * mixes of bench/fixtures) when each scans the text, and 16.8 µs with the gate, its own pass
 * of 3.9 µs included (Node 20, CPU time, warm). Flat tables for
 * the first two units of a literal (see `open`) take another 10–14 % off the pass.
 *
 * A rule whose detector has parts that match independently (a pattern rule's patterns) is
 * gated part by part: a rule opened by one pattern's words used to run all its patterns. Of
 * the ~11 patterns run per message of the three mixes, ~7 had none of their literals in the
 * text and took ~3.7 µs; scans took 0.87–0.93× the time on messages with numbers or
 * contacts (same-process A/B, two runs).
 *
 * A part may need several literals at once, one of each of its sets (required-literals.ts):
 * the bank-account pattern needs a bank word and 番号, where it used to open on 番号 alone,
 * which every order number has. It opens once it has met the last of its sets. A literal
 * may also have to start a word (WORD_START), so the SNS "x" does not open on "1200x630".
 */
import type { DetectorInstance } from '../detectors/types.js';
import { isLowerAsciiAlphanumeric } from '../normalize/character-class.js';
import type { RuleSet } from '../rules/rule-set.js';
import { literalLength, WORD_START, type LiteralSets } from './required-literals.js';

/** A detector instance that can say which literals a text must contain for it to find anything. */
export interface GatedDetectorInstance extends DetectorInstance {
  /**
   * Each part's sets of literals (in normalized form), of which the normalized text must
   * contain one of every set for the part to find anything (null: the part cannot say and
   * always runs). A part is one of the pieces of an instance that match independently (a
   * pattern rule's patterns), or the whole instance (`[[['@']]]`: one part, one set). The gate
   * opens parts, and `find` is told which parts may match (DetectorInstance.find's `parts`).
   * Absent: the instance always runs.
   */
  readonly partLiterals?: readonly (LiteralSets | null)[];
}

/**
 * What the gate lets through for one text. Every rule has one part or more. One array holds
 * both, `flags[r]` for rule r and `flags[firstPart[r] + k]` for its part k, and the gate
 * rewrites it on every call: an answer is read before the next text is opened.
 */
export interface OpenRules {
  /** 1 for every rule, and every part, that may match. */
  readonly flags: Uint8Array;
  readonly firstPart: Int32Array;
}

/** Which rules of a rule set, and which of their parts, may match a text. Built once per rule set. */
export class LiteralGate {
  /**
   * The rules, then their parts: parts that always run are 1 here, gated ones start at 0 and
   * open when a literal is seen, and a rule is open from the start when one of its parts is.
   */
  private readonly initial: Uint8Array;
  /**
   * The answer, rewritten by every `open`. Typed arrays over 64 bytes are allocated outside
   * V8's heap: a fresh copy of the 202 flags of the default pack cost ~0.7 µs per scan, ten
   * times the gate's pass over a message of a few characters.
   */
  private readonly answer: OpenRules;
  private readonly gatedCount: number;
  /** The rule of each part, by the part's slot in `flags`. */
  private readonly ruleOf: Int32Array;
  /** Trie over UTF-16 code units: the first level is a flat table, deeper levels an edge table. */
  private readonly root = new Int32Array(0x10000);
  private readonly edges: EdgeTable;
  /** The literal sets whose literal ends at this node (see `partOfSet`)… */
  private readonly ends: (number[] | null)[] = [null];
  /** …and those whose literal ends here and must start a word (WORD_START: no [a-z0-9] before it). */
  private readonly wordEnds: (number[] | null)[] = [null];
  /** 1 for the nodes where some literal ends. */
  private readonly hasEnd: Uint8Array;
  /** Nonzero at pairSlot(a, b) for every literal starting with units a, b (collisions only cost a lookup). */
  private readonly pairs = new Uint8Array(PAIR_SLOTS);
  /**
   * Per-node stamp of the last pass that handled all its literals, so a repeated literal is
   * handled once; a literal that must start a word counts only once found at one.
   */
  private readonly seen: Int32Array;
  /** Per-node stamp of the last pass that handled the literals of `ends`. */
  private readonly seenPlain: Int32Array;
  /** The part slot each literal set belongs to; a part opens when all its sets are met. */
  private readonly partOfSet: Int32Array;
  /** Per-set stamp of the last pass that met it. */
  private readonly setMet: Int32Array;
  /** Sets each part needs (0 for parts that always run), and what is left of them in this pass. */
  private readonly setsNeeded: Uint8Array;
  private readonly setsMissing: Uint8Array;
  private pass = 0;

  constructor(instances: readonly DetectorInstance[]) {
    // Edges below the first level while the trie is built (edgeKey → child), then frozen.
    const edges = new Map<number, number>();
    const literalsOfParts = instances.map((instance): readonly (LiteralSets | null)[] => {
      const parts = (instance as GatedDetectorInstance).partLiterals;
      return parts !== undefined && parts.length > 0 ? parts : [null];
    });
    const firstPart = new Int32Array(instances.length);
    let slots = instances.length;
    literalsOfParts.forEach((parts, rule) => {
      firstPart[rule] = slots;
      slots += parts.length;
    });
    this.initial = new Uint8Array(slots);
    this.ruleOf = new Int32Array(slots);
    this.setsNeeded = new Uint8Array(slots);
    const partOfSet: number[] = [];
    let gated = 0;
    literalsOfParts.forEach((parts, rule) => {
      parts.forEach((sets, k) => {
        const part = firstPart[rule]! + k;
        this.ruleOf[part] = rule;
        const usable = (sets ?? []).filter((set) => set.length > 0 && set.every((l) => literalLength(l) > 0)).slice(0, 255);
        if (usable.length === 0) {
          this.initial[part] = 1;
          this.initial[rule] = 1;
          return;
        }
        gated++;
        this.setsNeeded[part] = usable.length;
        for (const set of usable) {
          const id = partOfSet.push(part) - 1;
          for (const literal of new Set(set)) this.add(literal, id, edges);
        }
      });
    });
    this.gatedCount = gated;
    this.answer = { flags: new Uint8Array(slots), firstPart };
    this.partOfSet = Int32Array.from(partOfSet);
    this.setMet = new Int32Array(partOfSet.length);
    this.setsMissing = new Uint8Array(slots);
    this.edges = new EdgeTable(edges);
    this.seen = new Int32Array(this.ends.length);
    this.seenPlain = new Int32Array(this.ends.length);
    this.hasEnd = Uint8Array.from(this.ends, (ids, node) => (ids === null && this.wordEnds[node] === null ? 0 : 1));
  }

  /**
   * The rules and parts that may match `text` (already normalized); the answer holds until
   * the next call.
   * @example gate.open('らいんで話そう').flags[lineRuleIndex] // 1
   */
  open(text: string): OpenRules {
    const answer = this.answer;
    const open = answer.flags;
    open.set(this.initial);
    let remaining = this.gatedCount;
    if (remaining === 0) return answer;
    this.setsMissing.set(this.setsNeeded);
    const pass = this.nextPass();
    const { root, edges, hasEnd, seen, pairs } = this;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const first = text.charCodeAt(i);
      let node = root[first]!;
      if (node === 0) continue;
      // Half the positions of Japanese text start some literal; flat tables decide most of
      // them (a literal ending here? a second unit of one?) before any array of rules or Map
      // is touched: 10–14 % less than one Map walk from every start (A/B in one process, e.g.
      // 3.22 → 2.92 µs per 300 characters).
      if (hasEnd[node] === 1 && seen[node] !== pass && (remaining = this.openParts(node, pass, open, remaining, text, i)) === 0) return answer;
      if (i + 1 >= n || pairs[pairSlot(first, text.charCodeAt(i + 1))] === 0) continue;
      for (let j = i + 1; j < n; j++) {
        node = edges.child(node, text.charCodeAt(j));
        if (node === 0) break;
        if (hasEnd[node] === 1 && seen[node] !== pass && (remaining = this.openParts(node, pass, open, remaining, text, i)) === 0) return answer;
      }
    }
    return answer;
  }

  /**
   * Meets the sets whose literal ends at `node` (starting at `start`), and opens the parts (and
   * their rules) that have now met all theirs; returns how many gated parts are still closed.
   */
  private openParts(node: number, pass: number, open: Uint8Array, remaining: number, text: string, start: number): number {
    const words = this.wordEnds[node] ?? null;
    if (words === null) {
      this.seen[node] = pass;
      return this.meet(this.ends[node]!, pass, open, remaining);
    }
    if (this.seenPlain[node] !== pass) {
      this.seenPlain[node] = pass;
      const plain = this.ends[node] ?? null;
      if (plain !== null) remaining = this.meet(plain, pass, open, remaining);
    }
    if (start > 0 && isLowerAsciiAlphanumeric(text.charCodeAt(start - 1))) return remaining;
    this.seen[node] = pass;
    return this.meet(words, pass, open, remaining);
  }

  private meet(ids: readonly number[], pass: number, open: Uint8Array, remaining: number): number {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (this.setMet[id] === pass) continue;
      this.setMet[id] = pass;
      const part = this.partOfSet[id]!;
      if (--this.setsMissing[part]! === 0) {
        open[part] = 1;
        open[this.ruleOf[part]!] = 1;
        remaining--;
      }
    }
    return remaining;
  }

  private add(marked: string, set: number, edges: Map<number, number>): void {
    const startsWord = marked.startsWith(WORD_START);
    const literal = startsWord ? marked.slice(WORD_START.length) : marked;
    if (literal.length >= 2) this.pairs[pairSlot(literal.charCodeAt(0), literal.charCodeAt(1))] = 1;
    let node = this.root[literal.charCodeAt(0)]!;
    if (node === 0) node = this.root[literal.charCodeAt(0)] = this.newNode();
    for (let i = 1; i < literal.length; i++) {
      const edge = edgeKey(node, literal.charCodeAt(i));
      let next = edges.get(edge);
      if (next === undefined) edges.set(edge, (next = this.newNode()));
      node = next;
    }
    const ids = ((startsWord ? this.wordEnds : this.ends)[node] ??= []);
    if (!ids.includes(set)) ids.push(set);
  }

  private newNode(): number {
    this.ends.push(null);
    this.wordEnds.push(null);
    return this.ends.length - 1;
  }

  private nextPass(): number {
    if (this.pass === 0x7fffffff) {
      this.seen.fill(0);
      this.seenPlain.fill(0);
      this.setMet.fill(0);
      this.pass = 0;
    }
    return ++this.pass;
  }
}

/**
 * The trie's edges below the first level, in one open-addressed table of typed arrays instead
 * of a Map per node: the gate's pass over ~300-character messages (the three mixes) went from
 * 2.90–3.08 to 2.66–2.72 µs (A/B in one process, two runs).
 */
class EdgeTable {
  readonly #mask: number;
  readonly #parents: Int32Array;
  readonly #units: Uint16Array;
  readonly #children: Int32Array;

  constructor(edges: ReadonlyMap<number, number>) {
    let size = 16;
    while (size < edges.size * 2) size *= 2;
    this.#mask = size - 1;
    this.#parents = new Int32Array(size);
    this.#units = new Uint16Array(size);
    this.#children = new Int32Array(size);
    for (const [edge, child] of edges) {
      const parent = Math.floor(edge / UNITS);
      const unit = edge % UNITS;
      let slot = edgeSlot(parent, unit) & this.#mask;
      while (this.#children[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#parents[slot] = parent;
      this.#units[slot] = unit;
      this.#children[slot] = child;
    }
  }

  /** The node below `parent` by `unit`, or 0. */
  child(parent: number, unit: number): number {
    for (let slot = edgeSlot(parent, unit) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const child = this.#children[slot]!;
      if (child === 0 || (this.#parents[slot] === parent && this.#units[slot] === unit)) return child;
    }
  }
}

/** UTF-16 code units: an edge's key is its parent node times this plus its unit. */
const UNITS = 0x10000;
const edgeKey = (parent: number, unit: number): number => parent * UNITS + unit;
const edgeSlot = (parent: number, unit: number): number => Math.imul(parent, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);

const PAIR_SLOTS = 1 << 16;
const pairSlot = (first: number, second: number): number => (Math.imul(first, 0x9e3779b1) ^ second) & (PAIR_SLOTS - 1);

const gates = new WeakMap<RuleSet, LiteralGate>();

/**
 * The gate of a rule set, built on its first scan and kept as long as the rule set lives
 * (a reload makes a new rule set, hence a new gate).
 * @example gateFor(ruleSet).open(normalized.text).flags
 */
export function gateFor(ruleSet: RuleSet): LiteralGate {
  let gate = gates.get(ruleSet);
  if (gate === undefined) {
    gate = new LiteralGate(ruleSet.rules.map((rule) => rule.detector));
    gates.set(ruleSet, gate);
  }
  return gate;
}
