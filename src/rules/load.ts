/**
 * Loading rule files: read every YAML file of the built-in pack and of each deployment
 * directory (in order, later wins), validate, then merge, compile and freeze
 * (compile-rule-set.ts). Either a whole new RuleSet comes out or a RulesInvalidError listing
 * every problem; never half a rule set.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RulesInvalidError, type RuleIssue } from '../errors.js';
import { compileRuleFiles, displayPath, type ReadRuleFile, type RuleFileData } from './compile-rule-set.js';
import { readRuleFile } from './read-rule-file.js';
import type { RuleSet } from './rule-set.js';

/** The rule pack shipped with Kanmon (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export interface LoadOptions {
  /** Extra rule directories (or single files), applied after the built-in pack in order. */
  ruleDirs?: readonly string[];
  /** Load the built-in pack first (default true). */
  builtinRules?: boolean;
  /**
   * Prove every regular expression safe from catastrophic backtracking (default true). Only a
   * copy of rules already checked may skip it: a scan pool's worker thread that loads the files
   * its caller checked uses its copy only if the version (their sha256) is the same. The check
   * runs in a child process (regex-safety.ts) that costs ~0.3–0.5 s on a first load; the
   * built-in pack's verdicts ship with the code, so loading only it starts no child.
   */
  checkRegexSafety?: boolean;
}

/**
 * Loads, validates and compiles rule files into a frozen RuleSet.
 * @throws RulesInvalidError naming file, line, column and what to fix for every problem.
 * @example const rules = await loadRuleSet({ ruleDirs: ['/etc/kanmon/rules'] })
 */
export async function loadRuleSet(options: LoadOptions = {}): Promise<RuleSet> {
  const issues: RuleIssue[] = [];
  const sources = [...(options.builtinRules === false ? [] : [BUILTIN_RULES_DIR]), ...(options.ruleDirs ?? [])];
  const files: { file: string; dirIndex: number; content: string }[] = [];
  for (const [dirIndex, source] of sources.entries()) {
    for (const file of await listRuleFiles(source, issues)) {
      files.push({ file, dirIndex, content: await readFile(file, 'utf8') });
    }
  }

  const parsed: ReadRuleFile[] = [];
  for (const { file, dirIndex, content } of files) {
    const result = readRuleFile(displayPath(file), content);
    if (result.ok) parsed.push({ parsed: { ...result.parsed, file }, dirIndex });
    else issues.push(...result.issues);
  }
  if (issues.length > 0) throw new RulesInvalidError(issues);

  const hash = createHash('sha256');
  for (const { file, content } of files) hash.update(`${path.basename(file)}\0${content}\0`);
  const version = hash.digest('hex');
  const ruleSet = await compileRuleFiles(parsed, version, options.checkRegexSafety !== false);
  loadedFrom.set(ruleSet, parsed.map(({ parsed: p, dirIndex }) => ({ file: p.file, dirIndex, data: p.data })));
  return ruleSet;
}

/**
 * The validated content of the files a rule set was loaded from, as plain data: what a scan
 * pool's worker thread compiles its own copy from (`compileRuleSetFrom`, with the rule set's
 * version), instead of reading and parsing the files again. Undefined for a rule set that
 * `loadRuleSet` did not make.
 * @example ruleFilesOf(ruleSet) // [{ file, dirIndex, data }, …]
 */
export function ruleFilesOf(ruleSet: RuleSet): readonly RuleFileData[] | undefined {
  return loadedFrom.get(ruleSet);
}
const loadedFrom = new WeakMap<RuleSet, readonly RuleFileData[]>();

async function listRuleFiles(source: string, issues: RuleIssue[]): Promise<string[]> {
  try {
    const entries = await readdir(source, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => path.join(source, e.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return [source];
    issues.push({ file: displayPath(source), line: 1, column: 1, path: '', message: `cannot read rule directory: ${code ?? (error as Error).message}` });
    return [];
  }
}
