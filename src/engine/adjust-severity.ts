/**
 * Context decides severity: the words around a finding can drop it (a refusal, a service
 * about the platform), cap it (needs a human), raise it (an invitation next to it), or be
 * required for it to count at all.
 */
import type { CompiledAdjustment, CompiledRule } from '../rules/rule-set.js';
import { severityRank, type ScanContext, type Severity } from '../types.js';

/** '。', '!', '?' and line breaks end a sentence (the text is normalized: '！' reads '!'). */
const isSentenceEnd = (code: number): boolean => code === 0x3002 || code === 0x21 || code === 0x3f || code === 0x0a;

export interface Adjusted {
  severity: Severity;
  /** Labels of the clauses that applied, for explanations. */
  applied: string[];
}

/**
 * The normalized text of one scan, with what clauses learn about it remembered: a `text`
 * clause is tested once per scan and a `sentence` clause once per sentence, however many
 * findings ask. Without this, k findings in one long sentence cost O(k·n) (the hardening
 * suite's "LINE ID: " × N input).
 */
export class ClauseContext {
  private sentenceEnds: number[] | null = null;
  private readonly memo = new Map<CompiledAdjustment, Map<number, boolean>>();

  constructor(readonly text: string) {}

  /** Whether the clause's words occur in the part of the text it looks at for [start, end). */
  matches(adjustment: CompiledAdjustment, start: number, end: number): boolean {
    switch (adjustment.scope) {
      case 'text':
        return this.remember(adjustment, -1, () => adjustment.pattern.test(this.text));
      case 'sentence': {
        const [from, to] = this.sentence(start, end);
        return this.remember(adjustment, from * (this.text.length + 1) + to, () => adjustment.pattern.test(this.text.slice(from, to)));
      }
      default:
        return adjustment.pattern.test(this.text.slice(Math.max(0, start - adjustment.before), Math.min(this.text.length, end + adjustment.after)));
    }
  }

  private remember(adjustment: CompiledAdjustment, key: number, compute: () => boolean): boolean {
    let answers = this.memo.get(adjustment);
    if (answers === undefined) this.memo.set(adjustment, (answers = new Map()));
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = compute()));
    return answer;
  }

  /** The sentence(s) holding [start, end): from just after the previous end mark to the next one. */
  private sentence(start: number, end: number): [number, number] {
    const marks = (this.sentenceEnds ??= sentenceEnds(this.text));
    const before = firstAtOrAfter(marks, start);
    const after = firstAtOrAfter(marks, Math.max(start, end - 1));
    return [before === 0 ? 0 : marks[before - 1]! + 1, after === marks.length ? this.text.length : marks[after]!];
  }
}

/**
 * Offsets of the sentence end marks, ascending. A sorted list searched per finding instead of
 * two tables with an entry per character: those cost 2.5 % of a scan of messages with contacts
 * (allocated and filled on every scan with a sentence clause; most texts have a few marks).
 */
function sentenceEnds(text: string): number[] {
  const marks: number[] = [];
  // Code unit compares: a regex test per character was 2.4 % of a scan's profile.
  for (let i = 0; i < text.length; i++) if (isSentenceEnd(text.charCodeAt(i))) marks.push(i);
  return marks;
}

/** The index of the first entry of `sorted` at or after `offset` (its length when none is). */
function firstAtOrAfter(sorted: readonly number[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

const NOTHING_APPLIED: string[] = Object.freeze([]) as unknown as string[];

/** Returns the finding's severity after its rule's context clauses, or null when dropped. */
export function adjustSeverity(rule: CompiledRule, clauses: ClauseContext, start: number, end: number, context: ScanContext, collect: boolean): Adjusted | null {
  let severity: Severity = rule.severityByContext[context] ?? rule.severity;
  let cap: Severity = 'high';
  // Labels are only collected for explanations; one shared empty list otherwise (a finding
  // per few characters of a long text made an array each).
  const applied: string[] = collect ? [] : NOTHING_APPLIED;
  for (const adjustment of rule.adjustments) {
    const hit = clauses.matches(adjustment, start, end);
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
