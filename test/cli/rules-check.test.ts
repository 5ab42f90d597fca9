import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain, tempDir, TEST_RULES } from './run-main.js';

const RULE_HEAD = `rules:
  - id: test.one
    category: line
    severity: high
    description: d
    message: { ja: j, en: e }
`;

describe('kanmon rules check', () => {
  it('says ok with the counts and version of a valid pack', async () => {
    const dir = await tempDir({ 'a.yaml': TEST_RULES });
    const run = await runMain(['rules', 'check', '--no-builtin-rules', '--rules', dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^ok: 2 rules from 1 file \(version [0-9a-f]{64}\)\n$/);
  });

  it('checks the built-in rules by default', async () => {
    const run = await runMain(['rules', 'check']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^ok: \d+ rules from \d+ files/);
  });

  // Each broken pack gives exactly one issue, at the file, line and column of the mistake.
  it.each([
    [
      'an unknown key',
      { 'a.yaml': `${RULE_HEAD}    keywords: [line]\n    sevrity: low\n` },
      'a.yaml:8:5: rules[0].sevrity (rule test.one): unknown key "sevrity"; check the spelling against docs/rules.md',
    ],
    [
      'a bad regular expression',
      { 'a.yaml': `${RULE_HEAD}    patterns:\n      - 'ok'\n      - '(unclosed'\n` },
      'a.yaml:9:9: rules[0].patterns[1] (rule test.one): invalid regular expression: /(unclosed/u: Unterminated group',
    ],
    [
      'a duplicate id',
      {
        'a.yaml': `${RULE_HEAD}    keywords: [line]\n`,
        'b.yaml': `${RULE_HEAD.replace('test.one', 'test.two')}    keywords: [line]\n${RULE_HEAD.split('\n').slice(1).join('\n')}    keywords: [tel]\n`,
      },
      'b.yaml:8:9: rules[1].id (rule test.one): duplicate rule id "test.one" (first defined at {dir}/a.yaml:2:9); ids must be unique, use "overrides:" to change a rule',
    ],
    [
      'an unknown detector',
      { 'a.yaml': `${RULE_HEAD}    detector: telepathy\n` },
      'a.yaml:7:15: rules[0].detector (rule test.one): unknown detector "telepathy"; built-in detectors are contact-id, email, keyword, pattern, phone, url, or register a plugin under "plugins:"',
    ],
  ])('reports %s as file:line:column and exits 1', async (_, files, issue) => {
    const dir = await tempDir(files);
    const run = await runMain(['rules', 'check', '--no-builtin-rules', '--rules', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([path.join(dir, issue.replaceAll('{dir}', dir)), '1 problem in rule files', '']);
  });

  it('reports an unreadable directory as an issue', async () => {
    const run = await runMain(['rules', 'check', '--no-builtin-rules', '--rules', '/nonexistent/kanmon-rules']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/nonexistent/kanmon-rules:1:1: cannot read rule directory: ENOENT');
  });

  it('rejects a stray argument as a usage error', async () => {
    const run = await runMain(['rules', 'check', 'rules/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rule directories go after --rules');
  });
});
