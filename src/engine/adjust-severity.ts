/**
 * Context decides severity: the words around a finding can drop it (a refusal, a service
 * about the platform), cap it (needs a human), raise it (an invitation next to it), or be
 * required for it to count at all.
 */
import type { CompiledAdjustment, CompiledRule } from '../rules/rule-set.js';
import { severityRank, type ScanContext, type Severity } from '../types.js';

const SENTENCE_END = /[。!?\n]/;

export interface Adjusted {
  severity: Severity;
  /** Labels of the clauses that applied, for explanations. */
  applied: string[];
}

/** Returns the finding's severity after its rule's context clauses, or null when dropped. */
export function adjustSeverity(rule: CompiledRule, text: string, start: number, end: number, context: ScanContext, collect: boolean): Adjusted | null {
  let severity: Severity = rule.severityByContext[context] ?? rule.severity;
  let cap: Severity = 'high';
  const applied: string[] = [];
  for (const adjustment of rule.adjustments) {
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
      while (from > 0 && !SENTENCE_END.test(text[from - 1]!)) from--;
      let to = end;
      while (to < text.length && !SENTENCE_END.test(text[to]!)) to++;
      return text.slice(from, to);
    }
    default:
      return text.slice(Math.max(0, start - adjustment.before), Math.min(text.length, end + adjustment.after));
  }
}
