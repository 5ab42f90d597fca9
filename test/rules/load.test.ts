import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet, RulesInvalidError, scan, formatRuleIssue } from '../../src/index.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Writes files into a fresh directory and returns its path. */
async function ruleDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kanmon-rules-'));
  dirs.push(dir);
  await Promise.all(Object.entries(files).map(([name, body]) => writeFile(path.join(dir, name), body)));
  return dir;
}

const rule = (id: string, body: string) =>
  `  - id: ${id}\n    category: solicitation\n    severity: high\n    description: test rule\n    message: { ja: だめです, en: not allowed }\n${body}`;

/** The formatted issues of a failed load, with the temp directory shortened to `DIR`. */
async function issuesOf(files: Record<string, string>, builtin = false): Promise<string[]> {
  const dir = await ruleDir(files);
  try {
    await loadRuleSet({ ruleDirs: [dir], builtinRules: builtin });
  } catch (error) {
    expect(error).toBeInstanceOf(RulesInvalidError);
    return (error as RulesInvalidError).issues.map((i) => formatRuleIssue(i).replaceAll(`${dir}/`, 'DIR/'));
  }
  throw new Error('expected the load to fail');
}

describe('loading rule files: errors name file, line, column and what to fix', () => {
  it.each([
    ['YAML syntax', { 'a.yaml': 'rules:\n  - id: [\n' }, 'DIR/a.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['an unknown key', { 'a.yaml': `rules:\n${rule('t.a', '    keywords: [x]\n    colour: red\n')}` }, 'DIR/a.yaml:8:5: rules[0].colour (rule t.a): unknown key "colour"; check the spelling against docs/rules.md'],
    ['a bad category', { 'a.yaml': `rules:\n${rule('t.a', '    keywords: [x]\n').replace('solicitation', 'fax')}` }, 'DIR/a.yaml:3:15: rules[0].category (rule t.a): must be one of the allowed values (line, qr_code, email, phone, sns, video_call, external_link, solicitation, payment)'],
    ['an invalid regex', { 'a.yaml': `rules:\n${rule('t.a', "    patterns: ['(?<x']\n")}` }, 'DIR/a.yaml:7:16: rules[0].patterns[0] (rule t.a): invalid regular expression: /(?<x/u: Invalid capture group name'],
    ['an unknown detector', { 'a.yaml': `rules:\n${rule('t.a', '    detector: fax\n')}` }, 'DIR/a.yaml:7:15: rules[0].detector (rule t.a): unknown detector "fax"; built-in detectors are contact-id, email, keyword, pattern, phone, url, or register a plugin under "plugins:"'],
    ['an unknown list', { 'a.yaml': `rules:\n${rule('t.a', '    keywords: [$nope]\n')}` }, 'DIR/a.yaml:7:15: rules[0].keywords (rule t.a): unknown list "$nope"; define it under "lists:" in a rule file'],
    ['detector options', { 'a.yaml': `rules:\n${rule('t.a', '    detector: phone\n    options: { region: 12 }\n')}` }, 'DIR/a.yaml:8:24: rules[0].options.region (rule t.a): detector "phone" option must be string'],
    ['an override of nothing', { 'a.yaml': 'overrides:\n  - id: t.nothing\n    disabled: true\n' }, 'DIR/a.yaml:2:9: overrides[0].id: no rule with id "t.nothing" to override'],
    ['two ways to detect', { 'a.yaml': `rules:\n${rule('t.a', '    keywords: [x]\n    patterns: [y]\n')}` }, 'DIR/a.yaml:2:5: rules[0] (rule t.a): a rule needs exactly one of "detector", "keywords" or "patterns"'],
  ])('%s', async (_name, files, expected) => {
    expect(await issuesOf(files)).toEqual([expected]);
  });

  it('reports a duplicate id with both places', async () => {
    expect(await issuesOf({ 'a.yaml': `rules:\n${rule('t.a', '    keywords: [x]\n')}${rule('t.a', '    keywords: [y]\n')}` })).toEqual([
      'DIR/a.yaml:8:9: rules[1].id (rule t.a): duplicate rule id "t.a" (first defined at DIR/a.yaml:2:9); ids must be unique, use "overrides:" to change a rule',
    ]);
  });

  it.each([
    ['(a+)+$', 'exponential'],
    ['(\\w+\\s?)*$', 'exponential'],
    ['(?:a|a)*b', 'exponential'],
    ['(?:x|xy|xyz)*$', ''],
  ])('rejects the backtracking pattern %s with the rule, file, line and pattern', async (pattern, kind) => {
    const [issue] = await issuesOf({ 'evil.yaml': `rules:\n${rule('t.evil', `    patterns: ['${pattern}']\n`)}` });
    expect(issue).toMatch(/^DIR\/evil\.yaml:7:16: rules\[0\]\.patterns\[0\] \(rule t\.evil\): catastrophic backtracking/);
    expect(issue).toContain(kind);
  });

  it('reports every problem at once, across files', async () => {
    const issues = await issuesOf({ 'a.yaml': `rules:\n${rule('t.a', '    detector: fax\n')}`, 'b.yaml': 'rules:\n  - id: bad id\n' });
    expect(issues).toHaveLength(2);
  });
});

describe('a deployment’s own rules', () => {
  it('adds rules, overrides built-in severity, disables by id and extends lists', async () => {
    const dir = await ruleDir({
      'local.yaml': [
        'lists:',
        '  line_names: [LINE, ライン, 緑のアプリ, みどりのアレ]',
        'rules:',
        rule('local.competitor', '    keywords: [ランサーズ]\n    examples: { match: [ランサーズでも], noMatch: [こんにちは] }\n'),
        'overrides:',
        '  - id: phone.partial',
        '    severity: low',
        '  - id: qr_code.mention',
        '    disabled: true',
      ].join('\n'),
    });
    const rules = await loadRuleSet({ ruleDirs: [dir] });
    expect(scan(rules, 'ランサーズでも募集しています').violations.map((v) => v.ruleId)).toEqual(['local.competitor']);
    expect(scan(rules, '090って入れたら消された').violations.map((v) => [v.ruleId, v.severity])).toEqual([['phone.partial', 'low']]);
    expect(scan(rules, '090って入れたら消された').action).toBe('allow');
    expect(rules.rules.some((r) => r.id === 'qr_code.mention')).toBe(false);
    expect(scan(rules, 'みどりのアレのIDは mika_22 です').violations.map((v) => v.ruleId)).toContain('line.id');
  });

  it('lets a later directory redefine a built-in rule by id', async () => {
    const dir = await ruleDir({ 'a.yaml': `rules:\n${rule('line.url', '    keywords: [ぴよぴよ]\n')}` });
    const rules = await loadRuleSet({ ruleDirs: [dir] });
    expect(scan(rules, 'ぴよぴよ').violations.map((v) => v.ruleId)).toEqual(['line.url']);
  });

  it('changes the version when a file changes', async () => {
    const a = await loadRuleSet({ ruleDirs: [await ruleDir({ 'a.yaml': `rules:\n${rule('t.a', '    keywords: [x]\n')}` })], builtinRules: false });
    const b = await loadRuleSet({ ruleDirs: [await ruleDir({ 'a.yaml': `rules:\n${rule('t.a', '    keywords: [y]\n')}` })], builtinRules: false });
    expect(a.version).toMatch(/^[0-9a-f]{64}$/);
    expect(a.version).not.toBe(b.version);
  });

  it('returns a frozen rule set', async () => {
    const rules = await loadRuleSet();
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules.rules)).toBe(true);
    expect(Object.isFrozen(rules.rules[0])).toBe(true);
  });
});

describe('detector plugins', () => {
  const plugin = fileURLToPathSafe(new URL('../../examples/plugin/', import.meta.url));

  it('loads the example plugin and uses it from a rule', async () => {
    const rules = await loadRuleSet({ ruleDirs: [plugin] });
    const result = scan(rules, '海外送金はこちらへ DE89 3704 0044 0532 0130 00');
    expect(result.violations.map((v) => [v.ruleId, v.normalized])).toEqual([['payment.iban', 'DE89370400440532013000']]);
    expect(result.action).toBe('block');
    // The mod-97 check is what a regex alone could not do: one wrong digit and it is not an IBAN.
    expect(scan(rules, '海外送金はこちらへ DE89 3704 0044 0532 0130 01').violations).toEqual([]);
    // The same directory's override applies too.
    expect(rules.rules.find((r) => r.id === 'phone.partial')?.severity).toBe('low');
  });

  it('names the file and what is wrong with a broken plugin', async () => {
    const dir = await ruleDir({ 'p.yaml': 'plugins:\n  - path: ./p.js\n', 'p.js': 'export const detector = { meta: { id: "BAD" } };\n' });
    try {
      await loadRuleSet({ ruleDirs: [dir], builtinRules: false });
      throw new Error('expected failure');
    } catch (error) {
      const text = formatRuleIssue((error as RulesInvalidError).issues[0]!).replace(`${dir}/`, 'DIR/');
      expect(text).toBe(
        'DIR/p.yaml:2:11: plugins[0]: cannot load detector plugin "./p.js": meta.id must be a lower-case name like "my-detector"; meta.description must be a string; meta.optionsSchema must be a JSON Schema object; create(options, env) must be a function',
      );
    }
  });
});

function fileURLToPathSafe(url: URL): string {
  return decodeURIComponent(url.pathname);
}
