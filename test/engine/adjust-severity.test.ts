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
