import type { DetectorInstance } from '../detectors/types.js';
import type { Category, Locale, ScanContext, Severity } from '../types.js';

/** A context-window adjustment compiled from a rule's `context` block. */
export interface CompiledAdjustment {
  /** Matches any of the words/patterns (normalized text, global+sticky-free). */
  readonly pattern: RegExp;
  /** `window`: `before`/`after` characters around the finding; `sentence`; `text`: anywhere. */
  readonly scope: 'window' | 'sentence' | 'text';
  readonly before: number;
  readonly after: number;
  /** `drop` removes the finding; a severity caps (suppress) or raises (boost) it. */
  readonly effect: 'drop' | 'require' | { cap: Severity } | { raise: Severity };
  /** Human-readable origin, for explanations (`suppress[0]`). */
  readonly label: string;
}

export type RuleExampleCase = string | { text: string; context?: ScanContext; severity?: Severity };
export interface RuleExamples {
  match?: RuleExampleCase[];
  noMatch?: RuleExampleCase[];
  todoMatch?: RuleExampleCase[];
  todoNoMatch?: RuleExampleCase[];
}

export type RuleStatus = 'stable' | 'experimental' | 'deprecated';

/** One rule after loading: everything precomputed, nothing left to parse at scan time. */
export interface CompiledRule {
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly severityByContext: Readonly<Partial<Record<ScanContext, Severity>>>;
  readonly status: RuleStatus;
  readonly description: string;
  readonly message: Readonly<Record<Locale, string>>;
  readonly contexts: ReadonlySet<ScanContext>;
  readonly detectorId: string;
  readonly detector: DetectorInstance;
  readonly adjustments: readonly CompiledAdjustment[];
  /** When true, a finding of this rule is dropped if it overlaps one of another rule. */
  readonly yieldOnOverlap: boolean;
  /** The rule's own test cases (`match`, `noMatch`, `todoMatch`, `todoNoMatch`). */
  readonly examples: Readonly<RuleExamples>;
  /** File the rule (or its last override) came from. */
  readonly source: string;
}

/** What `GET /v1/rules` and `kanmon rules` show of a rule. */
export interface RuleSummary {
  id: string;
  category: Category;
  severity: Severity;
  status: RuleStatus;
  description: string;
  source: string;
}

/** Action thresholds for one context: the lowest severity that blocks / sends to review. */
export interface Thresholds {
  readonly block: Severity;
  readonly review: Severity;
}

/** The frozen result of loading rule files; swapped by reference on reload, only read by scans. */
export interface RuleSet {
  /** sha256 over the loaded rule files' bytes, in load order. */
  readonly version: string;
  readonly rules: readonly CompiledRule[];
  readonly thresholds: Readonly<Record<ScanContext, Thresholds>>;
  /** Rule files that were read, in load order. */
  readonly files: readonly string[];
  readonly loadedAt: Date;
}

export const summarizeRule = (rule: CompiledRule): RuleSummary => ({
  id: rule.id,
  category: rule.category,
  severity: rule.severity,
  status: rule.status,
  description: rule.description,
  source: rule.source,
});
