/** Temporary rule directories for the hardening tests and the report, removed when the process exits. */
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadRuleSet, RulesInvalidError, type RuleIssue } from '../../../src/index.js';

const made: string[] = [];
// Not vitest's afterAll: scripts/reliability-report.ts uses these directories too.
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory with the given files; a value that is not a string is written as YAML. */
export async function ruleDir(files: Record<string, string | object>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kanmon-hardening-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    // No anchors/aliases: a generated file repeats objects, and YAML would alias them.
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : stringify(content, { aliasDuplicateObjects: false }));
  }
  return dir;
}

/** The fields every rule needs, for building test rules. */
export const RULE_BASE = Object.freeze({
  category: 'solicitation',
  severity: 'high',
  description: 'A rule made by a hardening test.',
  message: { ja: 'テスト用の規則です。', en: 'A test rule.' },
});

/** Loads only `dir` (no built-in pack) and returns the issues it is rejected with. */
export async function issuesOf(dir: string): Promise<RuleIssue[]> {
  try {
    await loadRuleSet({ ruleDirs: [dir], builtinRules: false });
  } catch (error) {
    if (error instanceof RulesInvalidError) return error.issues;
    throw error;
  }
  throw new Error(`rules in ${dir} were accepted`);
}
