/**
 * Compiles one validated rule definition into a CompiledRule: detector instance created
 * with its options checked against the detector's own schema, context clauses merged
 * into single regexes. Problems are returned as issues with the rule's location.
 */
import { Value } from 'typebox/value';
import type { RuleIssue } from '../errors.js';
import type { Detector, DetectorEnv } from '../detectors/types.js';
import { SCAN_CONTEXTS, type ScanContext } from '../types.js';
import type { CompiledAdjustment, CompiledRule } from './rule-set.js';
import type { BoostClauseDefinition, ContextClauseDefinition, RuleDefinition, SuppressClauseDefinition } from './schema.js';
import type { ListTable } from './lists.js';
import { formatPath } from './rule-path.js';

export interface CompileSite {
  file: string;
  /** Index of the rule in its file's `rules:` list. */
  index: number;
  /** Location of a path inside this rule (relative to the rule). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

export interface CompileContext {
  detectors: ReadonlyMap<string, Detector<never>>;
  env: DetectorEnv;
  lists: ListTable;
  /** Every regex source passes through here before use (safety check, kana folding). */
  prepareRegex(source: string): { source: string } | { error: string };
}

export function compileRule(def: RuleDefinition, site: CompileSite, ctx: CompileContext, issues: RuleIssue[]): CompiledRule | null {
  const issue = (path: (string | number)[], message: string) => {
    const where = site.locate(path);
    issues.push({ file: site.file, ...where, path: formatPath(['rules', site.index, ...path]), message, ruleId: def.id });
  };
  const before = issues.length;

  const ways = [def.detector !== undefined, def.keywords !== undefined, def.patterns !== undefined].filter(Boolean).length;
  if (ways !== 1) issue([], 'a rule needs exactly one of "detector", "keywords" or "patterns"');
  if (def.options !== undefined && def.detector === undefined) issue(['options'], '"options" goes with "detector"');

  let detectorId = 'keyword';
  let rawOptions: unknown = {};
  if (def.detector !== undefined) {
    detectorId = def.detector;
    rawOptions = def.options ?? {};
  } else if (def.keywords !== undefined) {
    rawOptions = { words: def.keywords };
  } else if (def.patterns !== undefined) {
    detectorId = 'pattern';
    rawOptions = { patterns: def.patterns };
  }

  const detector = ctx.detectors.get(detectorId);
  if (!detector) {
    issue(['detector'], `unknown detector "${detectorId}"; built-in detectors are ${[...ctx.detectors.keys()].sort().join(', ')}, or register a plugin under "plugins:"`);
    return null;
  }

  const optionsPath = def.detector !== undefined ? ['options'] : def.keywords !== undefined ? ['keywords'] : ['patterns'];
  const expanded = ctx.lists.expandDeep(rawOptions, (message) => issue(optionsPath, message));
  const options = detectorId === 'pattern' ? preparePatterns(expanded, ctx, (i, m) => issue(def.patterns ? ['patterns', i] : ['options', 'patterns', i], m)) : expanded;
  // An unknown list or a bad pattern already explains the problem; the schema errors that
  // follow from it (an empty word list) would only repeat it.
  if (issues.length > before) return null;
  // Checked first: valid options are the rule, and TypeBox's Errors walks them much more
  // slowly than Check does (~25 ms over the built-in pack, every start, in every thread).
  const valid = Value.Check(detector.meta.optionsSchema, options);
  for (const error of valid ? [] : Value.Errors(detector.meta.optionsSchema, options)) {
    // For the shorthands the rule key *is* the option ("keywords" → words), so drop its name.
    const inner = error.instancePath.split('/').slice(def.detector !== undefined ? 1 : 2);
    issue([...optionsPath, ...inner], `detector "${detectorId}" option ${error.message}`);
  }
  if (issues.length > before) return null;

  const adjustments: CompiledAdjustment[] = [];
  const clauses = def.context ?? {};
  const addClauses = <T extends ContextClauseDefinition>(kind: 'requireNear' | 'suppress' | 'boost', list: T[] | undefined, effect: (c: T) => CompiledAdjustment['effect']) => {
    list?.forEach((clause, i) => {
      const compiled = compileClause(clause, ctx, `${kind}[${i}]`, effect(clause), (m) => issue(['context', kind, i], m));
      if (compiled) adjustments.push(compiled);
    });
  };
  addClauses('requireNear', clauses.requireNear, () => 'require');
  addClauses('boost', clauses.boost, (c: BoostClauseDefinition) => ({ raise: c.severity }));
  addClauses('suppress', clauses.suppress, (c: SuppressClauseDefinition) => (c.severity ? { cap: c.severity } : 'drop'));
  if (issues.length > before) return null;

  let instance;
  try {
    instance = detector.create(options as never, ctx.env);
  } catch (error) {
    issue(optionsPath, `detector "${detectorId}" rejected its options: ${(error as Error).message}`);
    return null;
  }

  const contexts = new Set<ScanContext>(def.contexts ?? SCAN_CONTEXTS);
  return {
    id: def.id,
    category: def.category,
    severity: def.severity,
    severityByContext: { ...def.severityByContext },
    status: def.status ?? 'stable',
    description: def.description,
    message: { ja: def.message.ja, en: def.message.en },
    contexts,
    detectorId,
    detector: instance,
    adjustments,
    yieldOnOverlap: def.yieldOnOverlap ?? false,
    examples: def.examples ?? {},
    source: site.file,
  };
}

function preparePatterns(options: unknown, ctx: CompileContext, report: (index: number, message: string) => void): unknown {
  const patterns = (options as { patterns?: unknown }).patterns;
  if (!Array.isArray(patterns)) return options;
  const prepared = patterns.map((p, i) => {
    if (typeof p !== 'string') return p;
    const result = ctx.prepareRegex(ctx.lists.expandInPattern(p, (m) => report(i, m)));
    if ('error' in result) {
      report(i, result.error);
      return p;
    }
    return result.source;
  });
  return { ...(options as object), patterns: prepared };
}

function compileClause(
  clause: ContextClauseDefinition,
  ctx: CompileContext,
  label: string,
  effect: CompiledAdjustment['effect'],
  report: (message: string) => void,
): CompiledAdjustment | null {
  const parts: string[] = [];
  if (clause.words?.length) {
    const words = ctx.lists.expandWords(clause.words, report).map(ctx.env.normalizeLiteral);
    parts.push(ctx.env.alternation(words));
  }
  for (const pattern of clause.patterns ?? []) {
    const result = ctx.prepareRegex(ctx.lists.expandInPattern(pattern, report));
    if ('error' in result) {
      report(result.error);
      return null;
    }
    parts.push(`(?:${result.source})`);
  }
  if (parts.length === 0) {
    report('a context clause needs "words" or "patterns"');
    return null;
  }
  const scope = clause.scope ?? 'window';
  const window = clause.before !== undefined || clause.after !== undefined;
  if (scope !== 'window' && window) {
    report(`"before"/"after" only apply to scope "window", not "${scope}"`);
    return null;
  }
  return {
    pattern: new RegExp(parts.join('|'), 'u'),
    scope,
    before: clause.before ?? 20,
    after: clause.after ?? 20,
    effect,
    label,
  };
}
