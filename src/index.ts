/**
 * Kanmon's library entry point: load rules once, scan many texts.
 * @example
 * import { loadRuleSet, scan } from 'kanmon';
 * const rules = await loadRuleSet();
 * scan(rules, 'LINE：kenta88', { context: 'message' });
 */
export { scan, decideAction } from './engine/scan.js';
export { loadRuleSet, BUILTIN_RULES_DIR, type LoadOptions } from './rules/load.js';
export { summarizeRule, type RuleSet, type RuleSummary, type CompiledRule } from './rules/rule-set.js';
export { normalize, normalizeLiteral } from './normalize/index.js';
export { BUILTIN_DETECTORS } from './detectors/index.js';
export type { Detector, DetectorMeta, DetectorEnv, DetectInput, Candidate, DetectorInstance } from './detectors/types.js';
export { RulesInvalidError, TextTooLongError, formatRuleIssue, type RuleIssue } from './errors.js';
export * from './types.js';
