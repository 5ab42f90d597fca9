import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { gateFor, LiteralGate, type GatedDetectorInstance } from '../../src/engine/literal-gate.js';
import { WORD_START } from '../../src/engine/required-literals.js';
import { loadRuleSet, type RuleSet } from '../../src/index.js';
import { normalize } from '../../src/normalize/index.js';

/** A stand-in detector that only says what it needs; the gate never calls `find`. */
const needs = (gated: Omit<GatedDetectorInstance, 'find'>): GatedDetectorInstance => ({ ...gated, find: () => [] });

describe('LiteralGate', () => {
  const gate = new LiteralGate([
    needs({ partLiterals: [[['らいん', 'line']]] }),
    needs({}), // says nothing: always runs
    needs({ partLiterals: [[['電話']], null, [['でんわ', 'tel']]] }),
    needs({ partLiterals: [[['ab']], [['b']]] }),
  ]);

  it('puts the parts after the rules, one part for a rule without parts', () => {
    expect([...gate.open('').firstPart]).toEqual([4, 5, 6, 9]);
  });

  it.each([
    ['', [0, 1, 1, 0], [0, 1, 0, 1, 0, 0, 0]],
    ['らいんで', [1, 1, 1, 0], [1, 1, 0, 1, 0, 0, 0]],
    ['お電話ください', [0, 1, 1, 0], [0, 1, 1, 1, 0, 0, 0]],
    ['tel: でんわ', [0, 1, 1, 0], [0, 1, 0, 1, 1, 0, 0]],
    // "b" ends inside "ab", and a literal inside another is found too.
    ['xab', [0, 1, 1, 1], [0, 1, 0, 1, 0, 1, 1]],
    ['b', [0, 1, 1, 1], [0, 1, 0, 1, 0, 0, 1]],
    ['line line line 電話 ab', [1, 1, 1, 1], [1, 1, 1, 1, 0, 1, 1]],
  ])('%j opens rules %j and parts %j', (text, rules, parts) => {
    const open = gate.open(text);
    expect([...open.flags.subarray(0, 4)]).toEqual(rules);
    expect([...open.flags.subarray(4)]).toEqual(parts);
  });

  it('starts every text afresh, with nothing left open from the one before', () => {
    gate.open('らいん 電話 ab tel');
    expect([...gate.open('ok').flags]).toEqual([0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0]);
  });
});

describe('LiteralGate with sets of literals', () => {
  // Part 0 needs 口座 or 銀行, and 番号; part 1 needs 番号 and 番号は (one literal meets both).
  const gate = new LiteralGate([needs({ partLiterals: [[['口座', '銀行'], ['番号']], [['番号'], ['番号は']]] })]);

  it.each([
    ['注文番号 123', [0, 0, 0]],
    ['銀行で', [0, 0, 0]],
    ['銀行の口座', [0, 0, 0]],
    ['銀行の番号', [1, 1, 0]],
    ['番号、口座', [1, 1, 0]],
    ['番号は', [1, 0, 1]],
    ['口座番号は 番号 口座', [1, 1, 1]],
  ])('%j opens %j (the rule, then its parts)', (text, flags) => {
    expect([...gate.open(text).flags]).toEqual(flags);
  });

  it('needs every set again in the next text', () => {
    gate.open('銀行の番号は');
    expect([...gate.open('口座').flags]).toEqual([0, 0, 0]);
    expect([...gate.open('番号').flags]).toEqual([0, 0, 0]);
  });
});

describe('LiteralGate with literals that start a word', () => {
  // Part 0 needs "x" at the start of a word; part 1 "line" anywhere, part 2 "line" at a word's start.
  const gate = new LiteralGate([needs({ partLiterals: [[[`${WORD_START}x`]], [['line']], [[`${WORD_START}line`]]] })]);

  it.each([
    ['x', [1, 1, 0, 0]],
    ['xで', [1, 1, 0, 0]],
    ['@x', [1, 1, 0, 0]],
    ['サイズ 1200x630', [0, 0, 0, 0]],
    ['max', [0, 0, 0, 0]],
    ['online', [1, 0, 1, 0]],
    // Found inside a word first, at a word's start later: the second counts.
    ['online, then line', [1, 0, 1, 1]],
    ['1200x630 と x', [1, 1, 0, 0]],
  ])('%j opens %j', (text, flags) => {
    expect([...gate.open(text).flags]).toEqual(flags);
  });
});

describe('the default pack behind its gate', () => {
  let rules: RuleSet;
  beforeAll(async () => {
    rules = await loadRuleSet();
  });

  /** Literals of every rule and part, whole and cut short, with the text around them in messages. */
  function pieces(): string[] {
    const literals = rules.rules.flatMap((rule) => {
      const gated = rule.detector as GatedDetectorInstance;
      return (gated.partLiterals ?? []).flatMap((part) => (part ?? []).flat());
    }).map((literal) => literal.replace(WORD_START, ''));
    const sample = [...new Set(literals)].filter((_, k) => k % 7 === 0);
    // One literal of every set of a part, so that parts needing several sets open too.
    const keys = rules.rules.flatMap((rule) => ((rule.detector as GatedDetectorInstance).partLiterals ?? []).flatMap((sets) =>
      sets !== null && sets.length > 1 ? [sets.map((set) => set[0]!.replace(WORD_START, '')).join('、')] : []));
    return [
      ...sample,
      ...keys,
      ...sample.filter((literal) => literal.length > 1).map((literal) => literal.slice(0, -1)),
      ' ', '\n', '・', '、', '。', ':', '@', '.', '/', 'id', 'kenta88', '090', '-', '1234', '5678', 'で', 'に', 'を', 'お願いします', 'です',
    ];
  }

  it('closes only rules and patterns that would find nothing', () => {
    const gate = gateFor(rules);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces()), { maxLength: 16 }).map((parts) => parts.join('')), (text) => {
        const normalized = normalize(text);
        const input = { normalized, original: text, context: 'message' as const };
        const open = gate.open(normalized.text);
        rules.rules.forEach((rule, r) => {
          const unscreened = rule.detector.find(input);
          if (open.flags[r] === 0) expect(unscreened).toEqual([]);
          else expect(rule.detector.find(input, open.flags, open.firstPart[r])).toEqual(unscreened);
        });
      }),
      { numRuns: 1500 },
    );
  });
});
