/**
 * The scan pipeline, top to bottom in one function (Presidio's analyzer habit):
 * normalize → detect → context → de-duplicate → threshold → messages.
 */
import { normalize } from '../normalize/index.js';
import { originalSpan } from '../normalize/mapped-text.js';
import type { RuleSet, Thresholds } from '../rules/rule-set.js';
import { severityRank, type Action, type ScanOptions, type ScanResult, type Severity, type Violation } from '../types.js';
import { adjustSeverity, ClauseContext } from './adjust-severity.js';
import { gateFor } from './literal-gate.js';
import { resolveOverlaps, type Finding } from './resolve-overlaps.js';

/**
 * Scans one text with a loaded rule set. Never throws on any string input; offsets in the
 * result point into `text` as given (`text.slice(v.start, v.end) === v.match`).
 * @example scan(rules, 'LINE：kenta88', { context: 'message' }).action // 'block'
 */
export function scan(ruleSet: RuleSet, text: string, options: ScanOptions = {}): ScanResult {
  const context = options.context ?? 'message';
  const locale = options.locale ?? 'ja';
  const explain = options.explain === true;
  const normalized = normalize(text);
  const input = { normalized, original: text, context };

  // One pass over the text opens the rules, and the patterns, whose required words appear (literal-gate.ts).
  const open = gateFor(ruleSet).open(normalized.text);
  const rules = ruleSet.rules;
  const clauses = new ClauseContext(normalized.text);
  const findings: Finding[] = [];
  for (let r = 0; r < rules.length; r++) {
    if (open.flags[r] === 0) continue;
    const rule = rules[r]!;
    if (!rule.contexts.has(context)) continue;
    for (const candidate of rule.detector.find(input, open.flags, open.firstPart[r])) {
      const adjusted = adjustSeverity(rule, clauses, candidate.start, candidate.end, context, explain);
      if (adjusted === null) continue;
      findings.push({ rule, start: candidate.start, end: candidate.end, severity: adjusted.severity, value: candidate.value, applied: adjusted.applied });
    }
  }

  const violations: Violation[] = resolveOverlaps(findings).map((f) => {
    const [start, end] = originalSpan(normalized, f.start, f.end);
    const violation: Violation = {
      ruleId: f.rule.id,
      category: f.rule.category,
      severity: f.severity,
      start,
      end,
      match: text.slice(start, end),
      normalized: f.value ?? normalized.text.slice(f.start, f.end),
      message: f.rule.message[locale],
    };
    if (explain) violation.explanation = { description: f.rule.description, detector: f.rule.detectorId, adjustments: f.applied };
    return violation;
  });

  return { action: decideAction(violations, ruleSet.thresholds[context]), violations, rulesVersion: ruleSet.version };
}

/** `block` if any violation reaches the block threshold, `review` if any reaches review. */
export function decideAction(violations: readonly { severity: Severity }[], thresholds: Thresholds): Action {
  let worst = -1;
  for (const v of violations) if (v.severity !== 'low') worst = Math.max(worst, severityRank(v.severity));
  if (worst >= severityRank(thresholds.block)) return 'block';
  if (worst >= severityRank(thresholds.review)) return 'review';
  return 'allow';
}
