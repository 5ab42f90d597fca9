import { describe, expect, it } from 'vitest';
import { runMain, tempDir, TEST_ID_RULE, TEST_RULES } from './run-main.js';

const withExamples = (examples: string) =>
  `rules:
${TEST_ID_RULE}    contexts: [profile, attachment]
    examples:
${examples}`;

const rulesTest = async (yaml: string) => {
  const dir = await tempDir({ 'test.yaml': yaml });
  return { dir, ...(await runMain(['rules', 'test', '--no-builtin-rules', '--rules', dir])) };
};

describe('kanmon rules test', () => {
  it('passes a pack whose examples all hold', async () => {
    const run = await rulesTest(TEST_RULES);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✓ test.id (2 passed)\n✓ test.call (2 passed)\n\n2 rules (0 failing): 4 passed, 0 failed, 0 todo, 0 fixed\n');
  });

  it('shows each failure with what happened, todo gaps, fixed gaps, and exits 1', async () => {
    const run = await rulesTest(
      withExamples(`      match:
        - 'ID: kenta_88'
        - { text: 'ID: kenta_88', severity: medium }
        - { text: 'ID: kenta_88', context: message }
      noMatch: ['ID: abc', 'ID: kenta_99']
      todoMatch: ['ID: ab_1']
      todoNoMatch: ['ID: test_user']
`),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '✗ test.id (2 passed, 3 failed, 1 todo, 1 fixed)',
        '    ✗ match "ID: kenta_88"',
        '      expected test.id at medium in profile; reported at high',
        '    ✗ match "ID: kenta_88"',
        '      expected test.id in message; the rule does not apply in message (contexts: profile, attachment)',
        '    ✗ noMatch "ID: kenta_99"',
        '      expected no test.id in profile; reported at high',
        '    · todo todoNoMatch "ID: test_user"',
        '    ★ fixed todoMatch "ID: ab_1"',
        `      now passes; move it from todoMatch to match in ${run.dir}/test.yaml`,
        '',
        '1 rule (1 failing): 2 passed, 3 failed, 1 todo, 1 fixed',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 when the rules do not load', async () => {
    const run = await rulesTest('rules: 3\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/test\.yaml:1:8: rules: /);
  });
});

describe('kanmon rules list', () => {
  it('prints one aligned row per rule and the version', async () => {
    const dir = await tempDir({ 'test.yaml': TEST_RULES });
    const run = await runMain(['rules', 'list', '--no-builtin-rules', '--rules', dir]);
    expect(run.code).toBe(0);
    const [first, second, last] = run.stdout.split('\n');
    expect([first, second]).toEqual(['test.id    line   high  stable  An id after "ID:".', 'test.call  phone  low   stable  The word "call".']);
    expect(last).toMatch(/^2 rules \(version [0-9a-f]{64}\)$/);
  });

  it('prints the summaries as JSON with --json', async () => {
    const dir = await tempDir({ 'test.yaml': TEST_RULES });
    const run = await runMain(['rules', 'list', '--json', '--no-builtin-rules', '--rules', dir]);
    const listed = JSON.parse(run.stdout) as { version: string; rules: unknown[] };
    expect(listed.version).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.rules).toEqual([
      { id: 'test.id', category: 'line', severity: 'high', status: 'stable', description: 'An id after "ID:".', source: `${dir}/test.yaml` },
      { id: 'test.call', category: 'phone', severity: 'low', status: 'stable', description: 'The word "call".', source: `${dir}/test.yaml` },
    ]);
  });
});
