/**
 * The rule schema bounds what a rule can cost (LIMITS in src/rules/schema.ts, and the options
 * schemas of the detectors): one past each bound is rejected with the file, line, column, the
 * path of the value and a message that states the bound.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/rules/schema.js';
import { buildTestApp } from '../http/helpers.js';
import { issuesOf, RULE_BASE, ruleDir } from './harness/rule-files.js';

const words = (count: number, prefix = 'w') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const rule = (extra: object) => ({ id: 'test.limit', ...RULE_BASE, ...extra });

interface LimitCase {
  /** What is one past its bound. */
  readonly name: string;
  readonly file: object;
  /** Path of the offending value, as reported. */
  readonly path: string;
  /** The bound, as the message states it. */
  readonly message: string;
}

const CASES: readonly LimitCase[] = [
  { name: `words in a list (${LIMITS.wordsPerList})`, file: { lists: { many: words(LIMITS.wordsPerList + 1) }, rules: [rule({ keywords: ['$many'] })] }, path: 'lists.many', message: `must not have more than ${LIMITS.wordsPerList} items` },
  { name: `keywords of a rule (${LIMITS.wordsPerList})`, file: { rules: [rule({ keywords: words(LIMITS.wordsPerList + 1) })] }, path: 'rules[0].keywords', message: `must not have more than ${LIMITS.wordsPerList} items` },
  { name: `context words (${LIMITS.wordsPerList})`, file: { rules: [rule({ keywords: ['ok'], context: { suppress: [{ words: words(LIMITS.wordsPerList + 1) }] } })] }, path: 'rules[0].context.suppress[0].words', message: `must not have more than ${LIMITS.wordsPerList} items` },
  { name: `word length (${LIMITS.wordLength})`, file: { rules: [rule({ keywords: ['x'.repeat(LIMITS.wordLength + 1)] })] }, path: 'rules[0].keywords[0]', message: `must not have more than ${LIMITS.wordLength} characters` },
  { name: `patterns of a rule (${LIMITS.patternsPerRule})`, file: { rules: [rule({ patterns: words(LIMITS.patternsPerRule + 1, 'p') })] }, path: 'rules[0].patterns', message: `must not have more than ${LIMITS.patternsPerRule} items` },
  { name: `pattern length (${LIMITS.patternLength})`, file: { rules: [rule({ patterns: ['a'.repeat(LIMITS.patternLength + 1)] })] }, path: 'rules[0].patterns[0]', message: `must not have more than ${LIMITS.patternLength} characters` },
  { name: `window before (${LIMITS.windowChars})`, file: { rules: [rule({ keywords: ['ok'], context: { requireNear: [{ words: ['x'], before: LIMITS.windowChars + 1 }] } })] }, path: 'rules[0].context.requireNear[0].before', message: `must be <= ${LIMITS.windowChars}` },
  { name: `window after (${LIMITS.windowChars})`, file: { rules: [rule({ keywords: ['ok'], context: { boost: [{ words: ['x'], after: LIMITS.windowChars + 1, severity: 'high' }] } })] }, path: 'rules[0].context.boost[0].after', message: `must be <= ${LIMITS.windowChars}` },
  { name: 'requireNear clauses (8)', file: { rules: [rule({ keywords: ['ok'], context: { requireNear: Array.from({ length: 9 }, () => ({ words: ['x'] })) } })] }, path: 'rules[0].context.requireNear', message: 'must not have more than 8 items' },
  { name: 'suppress clauses (16)', file: { rules: [rule({ keywords: ['ok'], context: { suppress: Array.from({ length: 17 }, () => ({ words: ['x'] })) } })] }, path: 'rules[0].context.suppress', message: 'must not have more than 16 items' },
  { name: `examples of a kind (${LIMITS.examplesPerRule})`, file: { rules: [rule({ keywords: ['ok'], examples: { match: Array.from({ length: LIMITS.examplesPerRule + 1 }, () => 'ok') } })] }, path: 'rules[0].examples.match', message: `must not have more than ${LIMITS.examplesPerRule} items` },
  { name: `rules in a file (${LIMITS.rulesPerFile})`, file: { rules: Array.from({ length: LIMITS.rulesPerFile + 1 }, (_, i) => ({ ...rule({ keywords: ['ok'] }), id: `test.r${i}` })) }, path: 'rules', message: `must not have more than ${LIMITS.rulesPerFile} items` },
  // Lists expand inside a rule: four full lists in one keyword rule pass the list limit but not the detector's.
  {
    name: 'words of a keyword detector after lists expand (2000)',
    file: { lists: { a: words(500, 'a'), b: words(500, 'b'), c: words(500, 'c'), d: words(500, 'd'), e: ['e'] }, rules: [rule({ detector: 'keyword', options: { words: ['$a', '$b', '$c', '$d', '$e'] } })] },
    path: 'rules[0].options.words',
    message: 'detector "keyword" option must not have more than 2000 items',
  },
  { name: 'contact-id window (60)', file: { rules: [rule({ detector: 'contact-id', options: { platforms: ['line'], within: 61 } })] }, path: 'rules[0].options.within', message: 'must be <= 60' },
  { name: 'phone filler (20)', file: { rules: [rule({ detector: 'phone', options: { maxFillerChars: 21 } })] }, path: 'rules[0].options.maxFillerChars', message: 'must be <= 20' },
];

describe('rule schema limits', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('rejects one past the bound: %s', async (_name, c) => {
    const dir = await ruleDir({ 'limit.yaml': c.file });
    const issues = await issuesOf(dir);
    const issue = issues.find((i) => i.path === c.path);
    expect(issue, JSON.stringify(issues).slice(0, 500)).toBeDefined();
    expect(issue).toMatchObject({ file: expect.stringMatching(/limit\.yaml$/), line: expect.any(Number), column: expect.any(Number) });
    expect(issue!.line).toBeGreaterThan(1);
    expect(issue!.message).toContain(c.message);
  });

  it('accepts a rule exactly at every bound', async () => {
    const dir = await ruleDir({
      'at-limit.yaml': {
        lists: { many: words(LIMITS.wordsPerList) },
        rules: [
          rule({ keywords: ['$many'], context: { requireNear: [{ words: ['x'.repeat(LIMITS.wordLength)], before: LIMITS.windowChars, after: LIMITS.windowChars }] } }),
          { ...rule({ patterns: [`a${'b?'.repeat((LIMITS.patternLength - 1) / 2)}`, ...words(LIMITS.patternsPerRule - 1, 'p')] }), id: 'test.patterns' },
        ],
      },
    });
    await expect(issuesOf(dir)).rejects.toThrow(/were accepted/);
  });

  // A failed union reports only its own error; the loader names the bound that was passed.
  it(`names the bound for an example over ${LIMITS.exampleLength} characters, as text or in { text }`, async () => {
    const long = `ok${'x'.repeat(LIMITS.exampleLength)}`;
    const dir = await ruleDir({ 'limit.yaml': { rules: [rule({ keywords: ['ok'], examples: { match: [long], noMatch: [{ text: long }] } })] } });
    const issues = await issuesOf(dir);
    const at = (path: string) => issues.find((i) => i.path === path)?.message;
    expect(at('rules[0].examples.match[0]')).toBe(`an example is at most ${LIMITS.exampleLength} characters long; this one has ${long.length}`);
    expect(at('rules[0].examples.noMatch[0]')).toBe(`an example is at most ${LIMITS.exampleLength} characters long; this one has ${long.length}`);
  });
});

// The yaml library refuses documents with more than 100 alias uses ("billion laughs"); the
// loader turns that into a rule issue with the file, so a reload answers 422 and keeps serving.
describe('YAML aliases beyond the parser\'s limit', () => {
  const ALIASES = `lists:\n  a: &a [x, y]\n  b: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`;

  it('are a rule issue naming the file', async () => {
    const issues = await issuesOf(await ruleDir({ 'alias.yaml': ALIASES }));
    expect(issues[0]).toMatchObject({ file: expect.stringMatching(/alias\.yaml$/), message: expect.stringContaining('alias') });
  });

  it('make a reload answer 422 KANMON_RULES_INVALID, not 500', async () => {
    const dir = await ruleDir({ 'ok.yaml': { rules: [rule({ keywords: ['ok'] })] } });
    const app = await buildTestApp({ KANMON_RULES_DIRS: dir, KANMON_ADMIN_TOKEN: 'alias-test-admin-token-0123' });
    try {
      await writeFile(path.join(dir, 'ok.yaml'), ALIASES);
      const res = await app.inject({ method: 'POST', url: '/v1/rules/reload', headers: { authorization: 'Bearer alias-test-admin-token-0123' } });
      expect(res.statusCode).toBe(422);
    } finally {
      await app.close();
    }
  });
});
