import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMain, tempDir, TEST_RULES } from './run-main.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/eval/${name}`, import.meta.url));

describe('kanmon eval', () => {
  // Printed by `node shared/corpus/score.mjs corpus.jsonl results.jsonl` on the same
  // fixture (see test/eval/score.test.ts); `kanmon eval --results` must print the same.
  it('scores given results exactly as score.mjs does', async () => {
    const run = await runMain(['eval', fixture('corpus.jsonl'), '--results', fixture('results.jsonl')]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'items 13  missing results 1',
      'recall 66.7%  false-positive rate 25.0%  category recall 50.0%  block agreement 33.3%',
    ]);
  });

  it('lists misses and false positives with --misses N', async () => {
    const run = await runMain(['eval', fixture('corpus.jsonl'), '--results', fixture('results.jsonl'), '--misses', '2']);
    expect(run.stdout.split('\nmissed:\n')[1]).toBe(
      [
        '  c05 [video_call] "zoomで話しましょう" -> allow (found video_call/low video_call.zoom)',
        '  c06 [payment] "PayPayで直接払います" -> no result',
        'false positives:',
        '  c08 "LINEスタンプ制作します" -> review line:LINE (line.mention, medium)',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object with --json', async () => {
    const run = await runMain(['eval', fixture('corpus.jsonl'), '--results', fixture('results.jsonl'), '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ items: 13, missingResults: 1, falsePositiveRate: 25, categoryRecall: 50 });
  });

  it('scans the corpus itself with the rules when no --results is given', async () => {
    const dir = await tempDir({
      'test.yaml': TEST_RULES,
      'corpus.jsonl': [
        { id: 1, text: 'ID: kenta_88', expect: 'block', categories: ['line'] },
        { id: 2, text: 'call me', expect: 'review', categories: ['phone'] },
        { id: 3, text: 'ID: taro_12', expect: 'allow', categories: [] },
        { id: 4, text: 'こんにちは', expect: 'allow', categories: [] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    });
    const run = await runMain(['eval', `${dir}/corpus.jsonl`, '--no-builtin-rules', '--rules', `${dir}/test.yaml`, '--json', '--misses', '5']);
    expect(run.stderr).toBe('');
    const scores = JSON.parse(run.stdout) as Record<string, unknown>;
    // item 2 is only a low finding: allowed, so missed, and its category not counted.
    expect(scores).toMatchObject({ items: 4, recall: 50, falsePositiveRate: 50, categoryRecall: 50, blockAgreement: 100, missingResults: 0 });
    expect(scores.misses).toEqual([{ id: 2, expect: 'review', categories: ['phone'], action: 'allow', violations: [{ ruleId: 'test.call', category: 'phone', severity: 'low' }] }]);
    expect(scores.falsePositives).toEqual([{ id: 3, expect: 'allow', categories: [], action: 'block', violations: [{ ruleId: 'test.id', category: 'line', severity: 'high' }] }]);
  });

  it.each([
    [[], 'missing CORPUS.jsonl'],
    [['c.jsonl', '--results', 'r.jsonl', '--rules', 'x'], '--results scores existing results; it does not go with --rules'],
    [['c.jsonl', '--misses', 'many'], '--misses must be a whole number of at least 0, not "many"'],
  ])('%j is a usage error', async (args, message) => {
    const run = await runMain(['eval', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('names the file and line of a bad corpus line', async () => {
    const dir = await tempDir({ 'c.jsonl': '{"id":1,"text":"t","expect":"allow","categories":[]}\n{"id":2,"text":"t","expect":"maybe","categories":[]}\n' });
    const run = await runMain(['eval', `${dir}/c.jsonl`, '--results', `${dir}/c.jsonl`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${dir}/c.jsonl:2: "expect" must be one of allow, review, block\n`);
  });

  it('reports a missing corpus file', async () => {
    const run = await runMain(['eval', '/nonexistent/c.jsonl', '--results', fixture('results.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cannot read /nonexistent/c.jsonl: ENOENT\n');
  });
});
