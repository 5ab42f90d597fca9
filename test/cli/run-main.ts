/**
 * Runs the CLI in-process with in-memory streams: what a command writes, and its exit code.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(argv: string[], stdin = '', env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, env });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

// Vitest evaluates this module once per test file, so each file's directories go with it.
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A fresh temporary directory holding the given files. */
export async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kanmon-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

/**
 * A one-rule pack for tests that must not move when the built-in rules change: it flags
 * "ID:" followed by an id.
 */
/** The `test.id` rule without its examples, for tests that write their own. */
export const TEST_ID_RULE = `  - id: test.id
    category: line
    severity: high
    description: An id after "ID:".
    message: { ja: IDは共有できません, en: IDs cannot be shared }
    patterns: ['(?<=id:\\s?)[a-z0-9_]{4,}']
`;

export const TEST_RULES = `rules:
${TEST_ID_RULE}    examples:
      match: ['ID: kenta_88']
      noMatch: ['IDはありません']
  - id: test.call
    category: phone
    severity: low
    description: The word "call".
    message: { ja: 通話, en: call }
    keywords: [call]
    examples:
      match: ['call me']
      noMatch: ['hello']
`;
