/**
 * Rules cannot hang the service: every regular expression a rule file brings is checked with
 * recheck when the rules load, and a pattern that can backtrack catastrophically is refused
 * with the file, line, rule id and the pattern itself. The regexes Kanmon builds from word
 * lists are safe by construction; the property test holds them to the same check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternation, namesSource } from '../../src/detectors/words.js';
import { loadRuleSet, normalizeLiteral } from '../../src/index.js';
import { checkRegexSafety } from '../../src/rules/regex-safety.js';
import { runMain } from '../cli/run-main.js';
import { issuesOf, ruleDir } from './harness/rule-files.js';

const HEADER = `rules:
  - id: test.evil
    category: solicitation
    severity: high
    description: A rule with patterns that backtrack catastrophically.
    message: { ja: テスト用の規則です。, en: A test rule. }
`;

/** The three patterns issue 5 names (lines 9, 10, 11), after a harmless one. */
const ISSUE_FILE = `${HEADER}    patterns:
      - 'ひみつのあいことば'
      - '(a+)+$'
      - '(\\w+\\s?)*$'
      - '(?:ら|らい|い)+$'
`;

describe('a rule file with catastrophic patterns', () => {
  it('is refused, one issue per pattern naming file, line, rule id and the pattern', async () => {
    const dir = await ruleDir({ 'evil.yaml': ISSUE_FILE });
    const issues = await issuesOf(dir);
    expect(issues).toHaveLength(3);
    const expected = [
      { line: 9, path: 'rules[0].patterns[1]', pattern: '(a+)+$' },
      { line: 10, path: 'rules[0].patterns[2]', pattern: '(\\w+\\s?)*$' },
      { line: 11, path: 'rules[0].patterns[3]', pattern: '(?:ら|らい|い)+$' },
    ];
    for (const [i, want] of expected.entries()) {
      expect(issues[i]).toMatchObject({ file: expect.stringMatching(/evil\.yaml$/), line: want.line, column: 9, path: want.path, ruleId: 'test.evil' });
      expect(issues[i]!.message).toContain('catastrophic backtracking (exponential)');
      expect(issues[i]!.message).toContain(`/${want.pattern}/`);
    }
  });

  it('`kanmon rules check` prints each as file:line:column with the pattern, and exits 1', async () => {
    const dir = await ruleDir({ 'evil.yaml': ISSUE_FILE });
    const run = await runMain(['rules', 'check', '--no-builtin-rules', '--rules', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/evil.yaml:9:9: rules[0].patterns[1] (rule test.evil): catastrophic backtracking (exponential) in /(a+)+$/`);
    expect(run.stdout).toContain('3 problems in rule files');
  });

  it.each([
    ['a detector option', `    detector: pattern\n    options:\n      patterns: ['(x+x+)+y']\n`, 'rules[0].options.patterns[0]', '(x+x+)+y', 'exponential'],
    ['a context clause', `    keywords: [ひみつ]\n    context:\n      suppress:\n        - patterns: ['\\d+\\s*\\d+\\s*$']\n`, 'rules[0].context.suppress[0]', '\\d+\\s*\\d+\\s*$', 'polynomial'],
    ['a {{list}} that expands to overlapping words', `    patterns: ['(?:{{overlap}})+$']\nlists:\n  overlap: [ら, らい, い]\n`, 'rules[0].patterns[0]', '(?:(?:らい|い|ら))+$', 'exponential'],
    ['a look-behind (recheck falls back to fuzzing)', `    patterns: ['(?<![a-z])(a|a)*b$']\n`, 'rules[0].patterns[0]', '(?<![a-z])(a|a)*b$', 'exponential'],
  ])('is refused when the pattern is in %s', async (_where, yaml, path, pattern, kind) => {
    const dir = await ruleDir({ 'evil.yaml': `${HEADER}${yaml}` });
    const issues = await issuesOf(dir);
    expect(issues).toEqual([expect.objectContaining({ path, ruleId: 'test.evil', line: expect.any(Number) })]);
    expect(issues[0]!.message).toContain(`catastrophic backtracking (${kind}`);
    expect(issues[0]!.message).toContain(`/${pattern}/`);
  });

  it('loads the built-in pack: none of its patterns is refused', async () => {
    await expect(loadRuleSet()).resolves.toMatchObject({ rules: expect.any(Array) });
  });
});

describe('regexes built from word lists', () => {
  // Escaped literals with fixed-width look-arounds, in one alternation without an outer
  // quantifier: each start position tries each word once. recheck agrees for any list.
  const word = fc
    .array(fc.constantFrom('a', 'b', 'l', 'i', 'n', 'e', 'd', '0', '9', '.', '*', '+', '?', '(', ')', '[', '|', '\\', '$', '^', '{', '}', ' ', 'ら', 'い', 'ん', 'ー', '・', '@', '#'), { minLength: 1, maxLength: 8 })
    .map((chars) => chars.join(''))
    .filter((w) => normalizeLiteral(w).length > 0);
  const env = { normalizeLiteral, alternation };

  it('alternation() and namesSource() always pass the same check as rule patterns', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(word, { maxLength: 3 }), fc.array(word, { maxLength: 3 }), (words, after, before) => {
        const plain = alternation(words.map(normalizeLiteral));
        expect(checkRegexSafety(plain)).toBeNull();
        const names = namesSource(words, { notFollowedBy: after, notPrecededBy: before }, env);
        expect(() => new RegExp(names, 'u')).not.toThrow();
        expect(checkRegexSafety(names)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
