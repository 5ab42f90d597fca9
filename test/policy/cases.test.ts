/**
 * The project's own labelled cases (test/fixtures/policy/cases.jsonl, same format as the
 * shared corpus, written independently of it): disguises and hard negatives that the default
 * rule pack must get right. `kanmon eval test/fixtures/policy/cases.jsonl` scores the same file.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusItem } from '../../src/eval/corpus.js';
import { CorpusScorer } from '../../src/eval/score.js';
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

/**
 * Three corpora written independently of the rules (by writers who saw only the policy in the
 * corpus README), used as a quality gate on the whole pack: the same metrics as
 * `kanmon eval`, with the targets the project commits to. A few items in them are known
 * gaps, so they are judged in aggregate rather than item by item.
 */
describe.each(['independent.jsonl', 'independent-2.jsonl', 'independent-3.jsonl'])('default policy on %s', (file) => {
  it('meets the quality targets (recall ≥ 97 %, false positives ≤ 2 %, category recall ≥ 95 %, block agreement ≥ 90 %)', () => {
    const scorer = new CorpusScorer();
    for (const line of readFileSync(new URL(`../fixtures/policy/${file}`, import.meta.url), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as CorpusItem;
      scorer.add(item, scan(rules, item.text, { context: item.context }));
    }
    const summary = scorer.summary();
    expect(summary.recall).toBeGreaterThanOrEqual(97);
    expect(summary.falsePositiveRate).toBeLessThanOrEqual(2);
    expect(summary.categoryRecall).toBeGreaterThanOrEqual(95);
    expect(summary.blockAgreement).toBeGreaterThanOrEqual(90);
  });
});
