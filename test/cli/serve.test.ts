import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withRulesAlias } from '../../src/cli/serve.js';
import { runMain, tempDir, TEST_RULES } from './run-main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('withRulesAlias', () => {
  it.each([
    [['--rules', 'a', '--port', '1'], ['--rules-dir', 'a', '--port', '1']],
    [['--rules=a'], ['--rules-dir=a']],
    [['--rules-dir', 'a'], ['--rules-dir', 'a']],
  ])('%j', (args, expected) => {
    expect(withRulesAlias(args)).toEqual(expected);
  });
});

describe('kanmon serve', () => {
  it('exits 2 naming the bad setting', async () => {
    const run = await runMain(['serve', '--port', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT (--port): must be a whole number, got "abc"');
  });

  it('exits 2 listing the issues of invalid rules', async () => {
    const dir = await tempDir({ 'bad.yaml': 'rules: 3\n' });
    const run = await runMain(['serve', '--port', '0', '--no-builtin-rules', '--rules', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/bad.yaml:1:8: rules: `);
  });

  // A real process on a real socket: it must answer, then drain and exit 0 on SIGTERM.
  it('serves scans with the --rules given, and stops on SIGTERM', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    probe.close();
    const dir = await tempDir({ 'test.yaml': TEST_RULES });

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--no-builtin-rules', '--rules', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    try {
      let response: Response | undefined;
      for (let i = 0; i < 100 && !response; i++) {
        response = await fetch(`http://127.0.0.1:${port}/v1/scan`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'ID: kenta_88' }),
        }).catch(async () => void (await new Promise((r) => setTimeout(r, 100))));
      }
      expect(response?.status, stderr).toBe(200);
      expect(await response!.json()).toMatchObject({ action: 'block', violations: [{ ruleId: 'test.id' }] });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code, stderr).toBe(0);
  }, 30_000);
});
