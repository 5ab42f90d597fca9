/**
 * The project's own labelled cases (test/fixtures/policy/cases.jsonl, same format as the
 * shared corpus, written independently of it): disguises and hard negatives that the default
 * rule pack must get right. `kanmon eval test/fixtures/policy/cases.jsonl` scores the same file.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet, scan, type RuleSet, type ScanContext } from '../../src/index.js';

interface Case {
  id: string;
  context: ScanContext;
  text: string;
  expect: 'allow' | 'review' | 'block';
  categories: string[];
  note: string;
}

const cases: Case[] = readFileSync(new URL('../fixtures/policy/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Case);

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRuleSet();
});

describe('default policy on the project cases', () => {
  it.each(cases.filter((c) => c.expect === 'allow').map((c) => [c.id, c.note, c] as const))('%s allows: %s', (_id, _note, c) => {
    const result = scan(rules, c.text, { context: c.context });
    expect(result.violations.filter((v) => v.severity !== 'low').map((v) => `${v.ruleId}:${v.match}`)).toEqual([]);
    expect(result.action).toBe('allow');
  });

  it.each(cases.filter((c) => c.expect !== 'allow').map((c) => [c.id, c.note, c] as const))('%s flags: %s', (_id, _note, c) => {
    const result = scan(rules, c.text, { context: c.context });
    if (c.expect === 'block') expect(result.action).toBe('block');
    else expect(result.action).not.toBe('allow');
    const found = new Set(result.violations.filter((v) => v.severity !== 'low').map((v) => v.category));
    for (const entry of c.categories) expect(entry.split('|').some((option) => found.has(option as never)), `category ${entry}`).toBe(true);
  });
});
