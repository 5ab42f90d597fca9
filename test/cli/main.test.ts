import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import { runMain } from './run-main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

describe('kanmon (dispatch, help, version)', () => {
  it.each([['--help'], ['-h'], ['help']])('%s lists every command', async (flag) => {
    const run = await runMain([flag]);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command.name.padEnd(13)}${command.summary}`);
  });

  it('prints usage to stderr and exits 2 without a command', async () => {
    const run = await runMain([]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Usage: kanmon <command>');
  });

  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    expect(await runMain([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each(COMMANDS.map((c) => [c.name]))('kanmon %s --help prints its usage', async (name) => {
    const run = await runMain([...name.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: kanmon ${name}`);
  });

  it.each([
    [['frobnicate'], 'kanmon: unknown command "frobnicate"; see "kanmon --help"'],
    [['rules'], 'kanmon: unknown command "rules"; "rules check", "rules test", "rules list"'],
    [['rules', 'lint'], 'kanmon: unknown command "rules lint"; "rules check", "rules test", "rules list"'],
  ])('%j is an unknown command (exit 2)', async (argv, message) => {
    const run = await runMain(argv);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});

const exec = promisify(execFile);
/** Runs node with `args` in the repository root, feeding `input` on stdin. */
const run = (args: string[], input: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, args, { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }));
    child.stdin!.end(input);
  });

describe('kanmon as a process', () => {
  // From source through tsx, so the test never runs a stale dist/.
  it('scans stdin to stdout (tsx src/cli/main.ts scan)', async () => {
    const input = [JSON.stringify({ id: 'p1', text: 'LINE：kenta88' }), JSON.stringify({ id: 'p2', text: 'よろしくお願いします' })].join('\n');
    const result = await run(['--import', 'tsx', 'src/cli/main.ts', 'scan'], input);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; action: string });
    expect(lines.map((l) => [l.id, l.action])).toEqual([
      ['p1', 'block'],
      ['p2', 'allow'],
    ]);
  }, 30_000);

  // Node refuses V8 flags in a worker's execArgv (ERR_WORKER_INVALID_EXEC_ARGV); threads inherit them instead.
  it('scans on worker threads when node runs with a V8 flag (--max-old-space-size)', async () => {
    const input = [JSON.stringify({ id: 'p1', text: 'LINE：kenta88' }), JSON.stringify({ id: 'p2', text: 'よろしくお願いします' })].join('\n');
    const result = await run(['--import', 'tsx', '--max-old-space-size=512', 'src/cli/main.ts', 'scan', '--workers', '1'], input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['block', 'allow']);
  }, 30_000);

  it('exits 2 on a usage error', async () => {
    const result = await run(['--import', 'tsx', 'src/cli/main.ts', 'scan', '--context', 'chat'], '');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--context must be one of');
  }, 30_000);

  // bin/kanmon.js runs the build; only the version is checked, which a stale build still gets right.
  it.skipIf(!existsSync(`${root}dist/bundle/cli.js`))('bin/kanmon.js starts the built CLI', async () => {
    const { stdout } = await exec(process.execPath, ['bin/kanmon.js', '--version'], { cwd: root });
    expect(stdout).toBe(`${version}\n`);
  });

  // The bundle (scripts/bundle.mjs) must find the rules and its worker module from dist/bundle/.
  it.skipIf(!existsSync(`${root}dist/bundle/cli.js`))('bin/kanmon.js scans on a worker thread of the bundle', async () => {
    const input = [JSON.stringify({ id: 'p1', text: 'LINE：kenta88' }), JSON.stringify({ id: 'p2', text: 'よろしくお願いします' })].join('\n');
    const result = await run(['bin/kanmon.js', 'scan', '--workers', '1'], input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['block', 'allow']);
  }, 30_000);
});
