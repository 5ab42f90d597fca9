/**
 * Context decides severity: the words around a finding can drop it (a refusal, a service
 * about the platform), cap it (needs a human), raise it (an invitation next to it), or be
 * required for it to count at all.
 */
import type { CompiledAdjustment, CompiledRule } from '../rules/rule-set.js';
import { severityRank, type ScanContext, type Severity } from '../types.js';

/** '。', '!', '?' and a line break end a sentence (full-width ！？ are '!' '?' after normalization). */
const isSentenceEnd = (code: number): boolean => code === 0x3002 || code === 0x21 || code === 0x3f || code === 0x0a;
/** Shared by every finding scanned without `explain`: nothing is ever pushed to it. */
const NOTHING_APPLIED: string[] = [];

export interface Adjusted {
  severity: Severity;
  /** Labels of the clauses that applied, for explanations. */
  applied: string[];
}

/** Returns the finding's severity after its rule's context clauses, or null when dropped. */
export function adjustSeverity(rule: CompiledRule, text: string, start: number, end: number, context: ScanContext, collect: boolean): Adjusted | null {
  let severity: Severity = rule.severityByContext[context] ?? rule.severity;
  let cap: Severity = 'high';
  const applied: string[] = collect ? [] : NOTHING_APPLIED;
  const adjustments = rule.adjustments;
  for (let i = 0; i < adjustments.length; i++) {
    const adjustment = adjustments[i]!;
    const hit = adjustment.pattern.test(surroundings(adjustment, text, start, end));
    if (adjustment.effect === 'require') {
      if (!hit) return null;
      if (collect) applied.push(adjustment.label);
      continue;
    }
    if (!hit) continue;
    if (collect) applied.push(adjustment.label);
    if (adjustment.effect === 'drop') return null;
    if ('raise' in adjustment.effect) {
      if (severityRank(adjustment.effect.raise) > severityRank(severity)) severity = adjustment.effect.raise;
    } else if (severityRank(adjustment.effect.cap) < severityRank(cap)) {
      cap = adjustment.effect.cap;
    }
  }
  return { severity: severityRank(severity) > severityRank(cap) ? cap : severity, applied };
}

/** The part of the text a clause looks at; includes the finding itself. */
function surroundings(adjustment: CompiledAdjustment, text: string, start: number, end: number): string {
  switch (adjustment.scope) {
    case 'text':
      return text;
    case 'sentence': {
      let from = start;
      // A one-character regex test per step cost ~40 ns; a code compare costs ~1 ns.
      while (from > 0 && !isSentenceEnd(text.charCodeAt(from - 1))) from--;
      let to = end;
      while (to < text.length && !isSentenceEnd(text.charCodeAt(to))) to++;
      return text.slice(from, to);
    }
    default:
      return text.slice(Math.max(0, start - adjustment.before), Math.min(text.length, end + adjustment.after));
  }
}
