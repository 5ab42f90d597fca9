import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain, tempDir, TEST_RULES } from './run-main.js';

let rules: string[];
beforeAll(async () => {
  rules = ['--no-builtin-rules', '--rules', await tempDir({ 'test.yaml': TEST_RULES })];
});

const scanLines = async (input: string[], ...flags: string[]) => {
  const run = await runMain(['scan', ...rules, ...flags], input.join('\n') + '\n');
  return { ...run, lines: run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe('kanmon scan (JSON Lines)', () => {
  it('writes one line per input line, in input order, echoing ids', async () => {
    const { code, lines } = await scanLines([
      JSON.stringify({ id: 'a', text: 'ID: kenta_88' }),
      JSON.stringify({ id: 7, text: 'こんにちは' }),
      JSON.stringify({ text: 'ＩＤ：Taro_99', ignored: true }),
    ]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      {
        id: 'a',
        action: 'block',
        violations: [{ ruleId: 'test.id', category: 'line', severity: 'high', start: 4, end: 12, match: 'kenta_88', normalized: 'kenta_88', message: 'IDは共有できません' }],
      },
      { id: 7, action: 'allow', violations: [] },
      { id: null, action: 'block', violations: [expect.objectContaining({ match: 'Taro_99', start: 3, end: 10 })] },
    ]);
  });

  it('reports bad lines with their line number and goes on; blank lines count but print nothing', async () => {
    const secret = 'ID: kenta_88';
    const { code, lines } = await scanLines([
      '{not json ' + secret,
      '',
      JSON.stringify({ id: 'no-text', body: secret }),
      JSON.stringify([secret]),
      JSON.stringify({ id: 'ctx', text: secret, context: 'chat' }),
      JSON.stringify({ id: 'ok', text: secret }),
    ]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { line: 1, error: { code: 'KANMON_INVALID_LINE', message: 'Input line is not a valid scan request: not valid JSON' } },
      { line: 3, id: 'no-text', error: { code: 'KANMON_INVALID_LINE', message: 'Input line is not a valid scan request: "text" is missing or not a string' } },
      { line: 4, error: { code: 'KANMON_INVALID_LINE', message: 'Input line is not a valid scan request: not a JSON object' } },
      { line: 5, id: 'ctx', error: { code: 'KANMON_INVALID_LINE', message: 'Input line is not a valid scan request: "context" must be one of message, profile, attachment' } },
      expect.objectContaining({ id: 'ok', action: 'block' }),
    ]);
    expect(JSON.stringify(lines.slice(0, 4))).not.toContain('kenta');
  });

  it('refuses a text over --max-text-length without quoting it', async () => {
    const { lines } = await scanLines([JSON.stringify({ id: 'long', text: 'ID: kenta_88 ' + 'あ'.repeat(20) }), JSON.stringify({ id: 'short', text: 'ID: kenta_88' })], '--max-text-length', '20');
    expect(lines[0]).toEqual({ line: 1, id: 'long', error: { code: 'KANMON_TEXT_TOO_LONG', message: expect.stringContaining('Text is 33 characters long; the limit is 20.') } });
    expect(JSON.stringify(lines[0])).not.toContain('kenta');
    expect(lines[1]).toMatchObject({ id: 'short', action: 'block' });
  });

  it('defaults the text limit to the HTTP service default of 20000', async () => {
    const { lines } = await scanLines([JSON.stringify({ id: 'x', text: 'あ'.repeat(20000) }), JSON.stringify({ id: 'y', text: 'あ'.repeat(20001) })]);
    expect(lines[0]).toMatchObject({ id: 'x', action: 'allow' });
    expect(lines[1]).toMatchObject({ id: 'y', error: { code: 'KANMON_TEXT_TOO_LONG' } });
  });

  it('skips a line over --max-line-bytes with KANMON_LINE_TOO_LONG', async () => {
    const { lines } = await scanLines([JSON.stringify({ id: 'big', text: 'x'.repeat(200) }), JSON.stringify({ id: 'ok', text: 'hi' })], '--max-line-bytes', '100');
    expect(lines).toEqual([{ line: 1, error: expect.objectContaining({ code: 'KANMON_LINE_TOO_LONG' }) }, { id: 'ok', action: 'allow', violations: [] }]);
  });

  it('takes context and locale from the line, else from the flags', async () => {
    const { lines } = await scanLines([JSON.stringify({ id: 1, text: 'ID: kenta_88', locale: 'en' }), JSON.stringify({ id: 2, text: 'ID: kenta_88' })], '--locale', 'en');
    expect(lines.map((l) => (l.violations as { message: string }[])[0]?.message)).toEqual(['IDs cannot be shared', 'IDs cannot be shared']);
  });

  it('adds explanations with --explain', async () => {
    const { lines } = await scanLines([JSON.stringify({ text: 'ID: kenta_88' })], '--explain');
    expect((lines[0]!.violations as { explanation: unknown }[])[0]!.explanation).toEqual({ description: 'An id after "ID:".', detector: 'pattern', adjustments: [] });
  });

  it('reads FILE instead of stdin, and strips a byte-order mark', async () => {
    const dir = await tempDir({});
    const file = path.join(dir, 'in.jsonl');
    await writeFile(file, '\uFEFF' + JSON.stringify({ id: 'f', text: 'ID: kenta_88' }) + '\r\n');
    const run = await runMain(['scan', ...rules, file]);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'f', action: 'block' });
  });

  it('scans with the built-in rules by default', async () => {
    const run = await runMain(['scan'], JSON.stringify({ id: 'b', text: 'LINE：kenta88' }) + '\n');
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'b', action: 'block', violations: [expect.objectContaining({ category: 'line' })] });
  });
});

describe('kanmon scan --pretty', () => {
  it('marks each match in the text and lists the violations', async () => {
    const run = await runMain(['scan', ...rules, '--pretty'], [JSON.stringify({ id: 'a', text: '了解です。\nID: kenta_88 call me' }), '{oops'].join('\n'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'line 1  id "a"  BLOCK',
        '  了解です。',
        '  ID: 【kenta_88】 【call】 me',
        '  - test.id (line, high) "kenta_88": IDは共有できません',
        '  - test.call (phone, low) "call": 通話',
        '',
        'line 2  ERROR KANMON_INVALID_LINE',
        '  Input line is not a valid scan request: not valid JSON',
        '',
        '',
      ].join('\n'),
    );
  });

  it('uses colour instead of brackets when asked to', async () => {
    const run = await runMain(['scan', ...rules, '--pretty'], JSON.stringify({ text: 'ID: kenta_88' }), { FORCE_COLOR: '1' });
    expect(run.stdout).toContain('\x1b[1;4;31mkenta_88\x1b[0m');
    expect(run.stdout).not.toContain('【');
  });
});

describe('kanmon scan usage errors', () => {
  it.each([
    [['--context', 'chat'], '--context must be one of message, profile, attachment, not "chat"'],
    [['--locale', 'fr'], '--locale must be one of ja, en, not "fr"'],
    [['--max-text-length', '0'], '--max-text-length must be a whole number of at least 1, not "0"'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['a.jsonl', 'b.jsonl'], 'expected at most one FILE, got 2'],
    [['/nonexistent/in.jsonl'], 'cannot read /nonexistent/in.jsonl: ENOENT'],
  ])('%j exits 2', async (flags, message) => {
    const run = await runMain(['scan', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`kanmon scan: ${message}`);
    expect(run.stderr).toContain('Run "kanmon scan --help" for usage.');
    expect(run.stdout).toBe('');
  });

  it('exits 2 and prints the issues when rules are invalid', async () => {
    const dir = await tempDir({ 'bad.yaml': 'rules:\n  - id: test.x\n    colour: red\n' });
    const run = await runMain(['scan', '--no-builtin-rules', '--rules', dir], '{"text":"hi"}\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/bad.yaml:3:5: rules[0].colour (rule test.x): unknown key "colour"`);
    expect(run.stdout).toBe('');
  });
});
