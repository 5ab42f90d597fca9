/**
 * Runs the `examples` written beside every rule through the real scanner (Semgrep's
 * `ruleid:` / `ok:` / `todoruleid:` habit), so a rule's own file says what it must and
 * must not catch. Used by `kanmon rules test` and by test/rules/examples.test.ts.
 */
import { scan } from '../engine/scan.js';
import type { ScanContext, Severity } from '../types.js';
import type { CompiledRule, RuleExampleCase, RuleExamples, RuleSet } from './rule-set.js';

export type ExampleKind = keyof RuleExamples;

/** The four kinds in the order they are run and reported. */
export const EXAMPLE_KINDS: readonly ExampleKind[] = ['match', 'noMatch', 'todoMatch', 'todoNoMatch'];

/** One example after it ran. */
export interface ExampleOutcome {
  kind: ExampleKind;
  text: string;
  context: ScanContext;
  /** The severity the example asks for, when it names one. */
  severity?: Severity;
  /**
   * Whether the scanner did what the example asks for. For `todoMatch`/`todoNoMatch` this
   * is what the eventual fix should do, so `true` there means the gap is fixed.
   */
  ok: boolean;
  /** Severities at which this rule reported the text (empty when it stayed silent). */
  found: Severity[];
  /** Other rules that reported the text, as `id/severity`, to explain a miss. */
  others: string[];
  /** One line saying what happened, for failure and fixed-gap reports. */
  detail: string;
}

export interface RuleExampleReport {
  ruleId: string;
  source: string;
  /** `match`/`noMatch` examples that behaved. */
  passed: number;
  /** `match`/`noMatch` examples that did not. */
  failed: ExampleOutcome[];
  /** Known gaps (`todoMatch`/`todoNoMatch`) that are still gaps. */
  todo: ExampleOutcome[];
  /** Known gaps that now pass: move them to `match`/`noMatch`. */
  fixed: ExampleOutcome[];
}

/**
 * The context an example runs in: its own, else `message` when the rule applies there,
 * else the first context the rule lists.
 * @example exampleContext(rule, 'LINE: kenta88') // 'message'
 */
export function exampleContext(rule: CompiledRule, example: RuleExampleCase): ScanContext {
  if (typeof example !== 'string' && example.context) return example.context;
  if (rule.contexts.has('message')) return 'message';
  return rule.contexts.values().next().value ?? 'message';
}

/**
 * Runs one example of one rule. `match` holds when the rule reports the text (at the
 * example's `severity`, when given); `noMatch` is its exact negation, so a `noMatch` with a
 * severity only forbids that severity. The todo kinds are judged like the kind they name.
 * @example runExample(rules, rule, 'match', 'LINE: kenta88').ok // true
 */
export function runExample(ruleSet: RuleSet, rule: CompiledRule, kind: ExampleKind, example: RuleExampleCase): ExampleOutcome {
  const text = typeof example === 'string' ? example : example.text;
  const severity = typeof example === 'string' ? undefined : example.severity;
  const context = exampleContext(rule, example);
  // The rule is judged on its own (Semgrep's habit): with the whole pack, a stronger rule of
  // the same category may win the overlap and hide that this one matched too. The full scan
  // only tells the author what else fires on the text.
  const alone = scan({ ...ruleSet, rules: [rule] }, text, { context });
  const found: Severity[] = alone.violations.map((v) => v.severity);
  const others = scan(ruleSet, text, { context })
    .violations.filter((v) => v.ruleId !== rule.id)
    .map((v) => `${v.ruleId}/${v.severity}`);
  const reported = severity === undefined ? found.length > 0 : found.includes(severity);
  const wantsMatch = kind === 'match' || kind === 'todoMatch';
  const ok = wantsMatch ? reported : !reported;

  return { kind, text, context, ...(severity ? { severity } : {}), ok, found, others, detail: describe(rule, context, wantsMatch, severity, found, others) };
}

/**
 * Runs every example of every rule in the set, in rule order.
 * @example runRuleExamples(await loadRuleSet()).filter((r) => r.failed.length > 0)
 */
export function runRuleExamples(ruleSet: RuleSet): RuleExampleReport[] {
  return ruleSet.rules.map((rule) => {
    const report: RuleExampleReport = { ruleId: rule.id, source: rule.source, passed: 0, failed: [], todo: [], fixed: [] };
    for (const kind of EXAMPLE_KINDS) {
      for (const example of rule.examples[kind] ?? []) {
        const outcome = runExample(ruleSet, rule, kind, example);
        const isTodo = kind === 'todoMatch' || kind === 'todoNoMatch';
        if (isTodo) (outcome.ok ? report.fixed : report.todo).push(outcome);
        else if (outcome.ok) report.passed++;
        else report.failed.push(outcome);
      }
    }
    return report;
  });
}

function describe(rule: CompiledRule, context: ScanContext, wantsMatch: boolean, severity: Severity | undefined, found: Severity[], others: string[]): string {
  const wanted = `${wantsMatch ? 'expected' : 'expected no'} ${rule.id}${severity ? ` at ${severity}` : ''} in ${context}`;
  // A rule never runs outside its contexts; saying so saves the author a search.
  if (!rule.contexts.has(context)) return `${wanted}; the rule does not apply in ${context} (contexts: ${[...rule.contexts].join(', ')})`;
  const got = found.length > 0 ? `reported at ${found.join(', ')}` : 'not reported';
  const also = others.length > 0 ? `; other findings: ${others.join(', ')}` : '';
  return `${wanted}; ${got}${also}`;
}
