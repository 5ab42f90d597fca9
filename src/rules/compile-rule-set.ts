/**
 * From validated rule files to a RuleSet: detectors (built-in and plugins), lists, rules
 * (merged across directories), overrides and thresholds, compiled and frozen. `loadRuleSet`
 * comes here after reading and validating the files; a scan pool's worker thread comes here
 * directly with the same files as plain data from its caller (`compileRuleSetFrom`), so it
 * neither reads nor parses YAML: a thread's start-up then costs modules and compiling only.
 */
import path from 'node:path';
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
import type { ParsedRuleFile } from './read-rule-file.js';
import { checkRegexSafetyAll, knownRegexSafety } from './regex-safety.js';
import type { CompiledRule, RuleSet, Thresholds } from './rule-set.js';
import type { RuleDefinition, RuleFile } from './schema.js';

/** One validated rule file, with the index of the directory it came from (later wins). */
export interface ReadRuleFile {
  readonly parsed: ParsedRuleFile;
  readonly dirIndex: number;
}

/** One validated rule file as plain, cloneable data (what `ruleFilesOf` gives and a worker compiles). */
export interface RuleFileData {
  readonly file: string;
  readonly dirIndex: number;
  readonly data: RuleFile;
}

const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({ block: 'high', review: 'medium' });

/**
 * A rule set compiled from files another thread read and validated (`ruleFilesOf` there), with
 * the version they had there. Their regular expressions were proven safe there, so they are not
 * checked again; positions in the (unexpected) issues are 1:1, the files' text not being here.
 * @example const ruleSet = await compileRuleSetFrom(task.rules.version, task.rules.files)
 */
export function compileRuleSetFrom(version: string, files: readonly RuleFileData[]): Promise<RuleSet> {
  const parsed = files.map(({ file, dirIndex, data }) => ({ parsed: { file, data, locate: () => FILE_START }, dirIndex }));
  return compileRuleFiles(parsed, version, false);
}
const FILE_START = Object.freeze({ line: 1, column: 1 });

/**
 * Compiles validated rule files, in load order, into a frozen RuleSet.
 * @throws RulesInvalidError for every problem across files (unknown detector, bad option,
 *   duplicate id, unsafe pattern…).
 */
export async function compileRuleFiles(parsed: readonly ReadRuleFile[], version: string, check: boolean): Promise<RuleSet> {
  const issues: RuleIssue[] = [];
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

  const rules = [...compiled.values()].map((r) => Object.freeze({ ...r, adjustments: Object.freeze([...r.adjustments]) }));
  return Object.freeze({
    version,
    rules: Object.freeze(rules),
    thresholds: Object.freeze(thresholds),
    files: Object.freeze(parsed.map(({ parsed: p }) => displayPath(p.file))),
    loadedAt: new Date(),
  });
}

/**
 * Paths in messages: relative to the working directory when inside it, so they stay short.
 * @example displayPath(path.join(process.cwd(), 'rules/line.yaml')) // 'rules/line.yaml'
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
