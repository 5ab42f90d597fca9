/**
 * De-duplication after all rules ran (Presidio's "remove conflicts", done as sort-then-one-
 * pass): catch-all findings give way to specific ones, and within one category overlapping
 * findings collapse to the strongest.
 */
import type { CompiledRule } from '../rules/rule-set.js';
import { severityRank, type Severity } from '../types.js';

export interface Finding {
  rule: CompiledRule;
  start: number;
  end: number;
  severity: Severity;
  value: string | undefined;
  applied: string[];
}

const byPosition = (a: Finding, b: Finding) => a.start - b.start || b.end - a.end;

const better = (a: Finding, b: Finding): Finding =>
  severityRank(a.severity) !== severityRank(b.severity)
    ? severityRank(a.severity) > severityRank(b.severity)
      ? a
      : b
    : b.end - b.start > a.end - a.start
      ? b
      : a;

/** Returns the findings to report, sorted by position. Mutates nothing it was given. */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  if (findings.length <= 1) return findings;
  const sorted = [...findings].sort(byPosition);

  // 1. A yielding finding is dropped when any non-yielding finding overlaps it.
  const nextSpecificStart = new Array<number>(sorted.length);
  let next = Infinity;
  for (let i = sorted.length - 1; i >= 0; i--) {
    nextSpecificStart[i] = next;
    if (!sorted[i]!.rule.yieldOnOverlap) next = Math.min(next, sorted[i]!.start);
  }
  const kept: Finding[] = [];
  let specificEnd = -1;
  for (const [i, f] of sorted.entries()) {
    if (!f.rule.yieldOnOverlap) {
      specificEnd = Math.max(specificEnd, f.end);
      kept.push(f);
    } else if (specificEnd <= f.start && nextSpecificStart[i]! >= f.end) {
      kept.push(f);
    }
  }

  // 2. Within a category, overlapping findings collapse to the strongest (then longest).
  const lastByCategory = new Map<string, number>();
  const out: (Finding | null)[] = [];
  for (const f of kept) {
    const at = lastByCategory.get(f.rule.category);
    const last = at === undefined ? null : out[at]!;
    if (last !== null && f.start < last.end) {
      const winner = better(last, f);
      const merged = winner === last ? last : f;
      out[at!] = merged;
      continue;
    }
    lastByCategory.set(f.rule.category, out.length);
    out.push(f);
  }
  // A winner replaces the loser in its slot, so re-sort: violations come in text order.
  return out.filter((f): f is Finding => f !== null).sort(byPosition);
}
