/**
 * Every example written beside a built-in rule becomes a test case run through the real
 * scanner (see src/rules/run-examples.ts for what each kind means).
 *
 * Known gaps (`todoMatch` / `todoNoMatch`) run as `it.fails`: they pass while the gap is
 * open and FAIL once it is fixed, so a fix cannot go unnoticed: move the example to
 * `match` / `noMatch` in its rule file.
 */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/index.js';
import { EXAMPLE_KINDS, exampleContext, runExample } from '../../src/rules/run-examples.js';
import type { CompiledRule, RuleExampleCase } from '../../src/rules/rule-set.js';

const ruleSet = await loadRuleSet();

const cases = (rule: CompiledRule, kind: keyof CompiledRule['examples']) =>
  (rule.examples[kind] ?? []).map((example: RuleExampleCase) => {
    const text = typeof example === 'string' ? example : example.text;
    const severity = typeof example === 'string' || !example.severity ? '' : ` at ${example.severity}`;
    const name = `${JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text)} (${exampleContext(rule, example)}${severity})`;
    return [name, example] as const;
  });

for (const rule of ruleSet.rules) describe(rule.id, () => {
  it('has at least one match and one noMatch example', () => {
    expect(rule.examples.match?.length ?? 0, `${rule.source}: add examples.match`).toBeGreaterThan(0);
    expect(rule.examples.noMatch?.length ?? 0, `${rule.source}: add examples.noMatch`).toBeGreaterThan(0);
  });

  for (const kind of EXAMPLE_KINDS) {
    const table = cases(rule, kind);
    if (table.length === 0) continue;
    const test = kind === 'todoMatch' || kind === 'todoNoMatch' ? it.fails : it;
    test.each(table)(`${kind} %s`, (_, example) => {
      const outcome = runExample(ruleSet, rule, kind, example);
      expect(outcome.ok, outcome.detail).toBe(true);
    });
  }
});
