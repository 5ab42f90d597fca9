import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustSeverity, ClauseContext } from '../../src/engine/adjust-severity.js';
import type { CompiledAdjustment, CompiledRule } from '../../src/rules/rule-set.js';

const clause = (words: string, effect: CompiledAdjustment['effect'], scope: CompiledAdjustment['scope'] = 'window', before = 5, after = 5): CompiledAdjustment => ({
  pattern: new RegExp(words, 'u'),
  scope,
  before,
  after,
  effect,
  label: `${JSON.stringify(effect)}:${words}`,
});
const rule = (adjustments: CompiledAdjustment[], severity: 'low' | 'medium' | 'high' = 'high') =>
  ({ severity, severityByContext: { attachment: 'medium' }, adjustments }) as unknown as CompiledRule;

//            0123456789
const text = 'あいうえおLINEかきくけこ。さしすせそ禁止';
const at = [5, 9] as const;

describe('adjustSeverity', () => {
  it.each([
    ['base severity', rule([]), 'message', 'high'],
    ['per-context base', rule([]), 'attachment', 'medium'],
    ['require found', rule([clause('かき', 'require')]), 'message', 'high'],
    ['require missing', rule([clause('たち', 'require')]), 'message', null],
    ['require outside the window', rule([clause('しす', 'require')]), 'message', null],
    ['suppress drops', rule([clause('おL', 'drop')]), 'message', null],
    ['suppress caps', rule([clause('かき', { cap: 'medium' })]), 'message', 'medium'],
    ['boost raises', rule([clause('かき', { raise: 'high' })]), 'attachment', 'high'],
    ['cap wins over boost', rule([clause('かき', { raise: 'high' }), clause('えお', { cap: 'medium' })]), 'message', 'medium'],
    ['sentence scope stops at 。', rule([clause('禁止', 'drop', 'sentence')]), 'message', 'high'],
    ['text scope sees everything', rule([clause('禁止', 'drop', 'text')]), 'message', null],
  ] as const)('%s', (_name, r, context, expected) => {
    const adjusted = adjustSeverity(r, new ClauseContext(text), at[0], at[1], context, false);
    expect(adjusted === null ? null : adjusted.severity).toBe(expected);
  });
});

describe('a sentence clause', () => {
  /** The sentence(s) holding [start, end), found the plain way: walk out to the nearest end marks. */
  const sentenceOf = (t: string, start: number, end: number): string => {
    let from = start;
    while (from > 0 && !'。!?\n'.includes(t[from - 1]!)) from--;
    let to = Math.max(start, end - 1);
    while (to < t.length && !'。!?\n'.includes(t[to]!)) to++;
    return t.slice(from, to);
  };

  it('looks at exactly the sentence(s) of the finding, however many findings ask', () => {
    const marked = clause('x', 'drop', 'sentence');
    // An end mark is in the looked-at part only inside a finding that spans two sentences.
    const ending = clause('[。!?\\n]', 'drop', 'sentence');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'x', '。', '!', '?', '\n'), { minLength: 1, maxLength: 40 }).map((units) => units.join('')),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 })), { minLength: 1, maxLength: 8 }),
        (t, spans) => {
          // One context per text, asked for several findings: the answers it remembers must hold too.
          const clauses = new ClauseContext(t);
          for (const [at, length] of spans) {
            const start = at % t.length;
            const end = Math.min(t.length, start + Math.max(1, length));
            const sentence = sentenceOf(t, start, end);
            expect(clauses.matches(marked, start, end), `${JSON.stringify(t)} [${start}, ${end})`).toBe(sentence.includes('x'));
            expect(clauses.matches(ending, start, end), `${JSON.stringify(t)} [${start}, ${end})`).toBe(/[。!?\n]/.test(sentence));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
