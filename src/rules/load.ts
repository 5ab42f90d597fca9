/**
 * Loading rule files: read every YAML file of the built-in pack and of each deployment
 * directory (in order, later wins), validate, merge, compile, freeze. Either a whole new
 * RuleSet comes out or a RulesInvalidError listing every problem; never half a rule set.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_DETECTORS } from '../detectors/index.js';
import type { Detector, DetectorEnv } from '../detectors/types.js';
import { alternation } from '../detectors/words.js';
import { RulesInvalidError, type RuleIssue } from '../errors.js';
import { foldPatternSource } from '../normalize/fold-pattern-source.js';
import { normalizeLiteral } from '../normalize/index.js';
import { SCAN_CONTEXTS, type ScanContext } from '../types.js';
import { compileRule } from './compile-rule.js';
import { ListTable } from './lists.js';
import { importDetectorPlugin } from './plugins.js';
import { readRuleFile, type ParsedRuleFile } from './read-rule-file.js';
import { checkRegexSafetyAll, knownRegexSafety } from './regex-safety.js';
import type { CompiledRule, RuleSet, Thresholds } from './rule-set.js';
import type { RuleDefinition } from './schema.js';

/** The rule pack shipped with Kanmon (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export interface LoadOptions {
  /** Extra rule directories (or single files), applied after the built-in pack in order. */
  ruleDirs?: readonly string[];
  /** Load the built-in pack first (default true). */
  builtinRules?: boolean;
  /**
   * Prove every regular expression safe from catastrophic backtracking (default true). Only a
   * copy of rules already checked may skip it: a scan pool's worker thread loads the files its
   * caller checked and uses its copy only if the version (their sha256) is the same. The check
   * runs in a child process (regex-safety.ts) that costs ~0.3–0.5 s on a first load; the
   * built-in pack's verdicts ship with the code, so loading only it starts no child.
   */
  checkRegexSafety?: boolean;
}

const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({ block: 'high', review: 'medium' });

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

  const parsed: { parsed: ParsedRuleFile; dirIndex: number }[] = [];
  for (const { file, dirIndex, content } of files) {
    const result = readRuleFile(displayPath(file), content);
    if (result.ok) parsed.push({ parsed: { ...result.parsed, file }, dirIndex });
    else issues.push(...result.issues);
  }
  if (issues.length > 0) throw new RulesInvalidError(issues);

  // Detectors: built-ins, then plugins named by rule files.
  const detectors = new Map<string, Detector<never>>(BUILTIN_DETECTORS.map((d) => [d.meta.id, d]));
  for (const { parsed: p } of parsed) {
    for (const [i, plugin] of (p.data.plugins ?? []).entries()) {
      const where = p.locate(['plugins', i, 'path']);
      try {
        const detector = await importDetectorPlugin(p.file, plugin.path);
        if (detectors.has(detector.meta.id)) {
          issues.push({ file: displayPath(p.file), ...where, path: `plugins[${i}]`, message: `a detector named "${detector.meta.id}" already exists; give the plugin another meta.id` });
        } else detectors.set(detector.meta.id, detector);
      } catch (error) {
        issues.push({ file: displayPath(p.file), ...where, path: `plugins[${i}]`, message: `cannot load detector plugin "${plugin.path}": ${(error as Error).message}` });
      }
    }
  }

  // Lists: later files replace earlier lists of the same name.
  const listMap = new Map<string, readonly string[]>();
  for (const { parsed: p } of parsed) for (const [name, words] of Object.entries(p.data.lists ?? {})) listMap.set(name, words);
  const env: DetectorEnv = {
    normalizeLiteral,
    alternation,
    list: (name) => lists.get(name),
  };
  const lists = new ListTable(listMap, env, (message) => issues.push({ file: 'lists', line: 1, column: 1, path: 'lists', message }));

  // Rules: duplicate ids within one directory are mistakes; a later directory may redefine.
  const definitions = new Map<string, { def: RuleDefinition; p: ParsedRuleFile; index: number; dirIndex: number }>();
  for (const { parsed: p, dirIndex } of parsed) {
    for (const [index, def] of (p.data.rules ?? []).entries()) {
      const previous = definitions.get(def.id);
      if (previous && previous.dirIndex === dirIndex) {
        const first = previous.p.locate(['rules', previous.index, 'id']);
        issues.push({
          file: displayPath(p.file),
          ...p.locate(['rules', index, 'id']),
          path: `rules[${index}].id`,
          ruleId: def.id,
          message: `duplicate rule id "${def.id}" (first defined at ${displayPath(previous.p.file)}:${first.line}:${first.column}); ids must be unique, use "overrides:" to change a rule`,
        });
        continue;
      }
      if (previous) definitions.delete(def.id); // keep load order of the newest definition
      definitions.set(def.id, { def, p, index, dirIndex });
    }
  }

  // Regular expressions are compiled with the verdicts known so far; those not yet checked
  // pass for now and are checked together afterwards, in one child process (regex-safety.ts).
  // Only if one of them is unsafe are the rules compiled again, now with every verdict known,
  // so the issues come out exactly where and in the order a check inline would give them.
  const check = options.checkRegexSafety !== false;
  const unchecked = new Set<string>();
  const compileAll = (): Map<string, CompiledRule> => {
    const compileContext = {
      detectors,
      env,
      lists,
      prepareRegex: (source: string) => {
        const folded = foldPatternSource(source);
        try {
          new RegExp(folded, 'u');
        } catch (error) {
          return { error: `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}` };
        }
        const verdict = check ? knownRegexSafety(folded) : null;
        if (verdict === undefined) unchecked.add(folded);
        return verdict ? { error: verdict } : { source: folded };
      },
    };
    const out = new Map<string, CompiledRule>();
    for (const { def, p, index } of definitions.values()) {
      const site = { file: displayPath(p.file), index, locate: (sub: readonly (string | number)[]) => p.locate(['rules', index, ...sub]) };
      const rule = compileRule(def, site, compileContext, issues);
      if (rule) out.set(rule.id, rule);
    }
    return out;
  };
  const issuesBefore = issues.length;
  let compiled = compileAll();
  while (unchecked.size > 0) {
    const verdicts = await checkRegexSafetyAll(unchecked);
    unchecked.clear();
    if ([...verdicts.values()].every((verdict) => verdict === null)) break;
    // (A compile that stops earlier at an unsafe pattern may reach others: checked in turn.)
    issues.length = issuesBefore;
    compiled = compileAll();
  }

  // Overrides and thresholds, in file order.
  const thresholds: Record<ScanContext, Thresholds> = { message: DEFAULT_THRESHOLDS, profile: DEFAULT_THRESHOLDS, attachment: DEFAULT_THRESHOLDS };
  for (const { parsed: p } of parsed) {
    for (const [index, override] of (p.data.overrides ?? []).entries()) {
      const rule = compiled.get(override.id);
      if (!rule) {
        if (!definitions.has(override.id)) {
          issues.push({ file: displayPath(p.file), ...p.locate(['overrides', index, 'id']), path: `overrides[${index}].id`, message: `no rule with id "${override.id}" to override` });
        }
        continue;
      }
      if (override.disabled) {
        compiled.delete(override.id);
        continue;
      }
      compiled.set(override.id, {
        ...rule,
        severity: override.severity ?? rule.severity,
        severityByContext: { ...rule.severityByContext, ...override.severityByContext },
        status: override.status ?? rule.status,
        source: displayPath(p.file),
      });
    }
    for (const context of SCAN_CONTEXTS) {
      const t = p.data.thresholds?.[context];
      if (t) thresholds[context] = Object.freeze({ ...t });
    }
  }
  if (issues.length > 0) throw new RulesInvalidError(issues);

  const hash = createHash('sha256');
  for (const { file, content } of files) hash.update(`${path.basename(file)}\0${content}\0`);
  const rules = [...compiled.values()].map((r) => Object.freeze({ ...r, adjustments: Object.freeze([...r.adjustments]) }));
  return Object.freeze({
    version: hash.digest('hex'),
    rules: Object.freeze(rules),
    thresholds: Object.freeze(thresholds),
    files: Object.freeze(files.map((f) => displayPath(f.file))),
    loadedAt: new Date(),
  });
}

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

/** Paths in messages: relative to the working directory when inside it, so they stay short. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
