/**
 * Public vocabulary of Kanmon: the shapes that callers, rule files and the HTTP API share.
 * Everything here is part of the stable contract documented in README.md and openapi.yaml.
 */

/** The fixed set of policy categories (see docs/rules.md). */
export const CATEGORIES = [
  'line',
  'qr_code',
  'email',
  'phone',
  'sns',
  'video_call',
  'external_link',
  'solicitation',
  'payment',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** `low` is informational and never changes the action. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where the text appears on the marketplace. */
export const SCAN_CONTEXTS = ['message', 'profile', 'attachment'] as const;
export type ScanContext = (typeof SCAN_CONTEXTS)[number];

export const ACTIONS = ['allow', 'review', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One finding, reported at offsets into the text exactly as the caller sent it. */
export interface Violation {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offset into the original text (inclusive). */
  start: number;
  /** UTF-16 offset into the original text (exclusive); `text.slice(start, end) === match`. */
  end: number;
  match: string;
  /** The matched part after normalization (what the rule actually saw). */
  normalized: string;
  /** Writer-facing explanation in the requested locale. */
  message: string;
  /** Why the rule fired; present only when `explain: true` was asked for. */
  explanation?: Explanation;
}

export interface Explanation {
  description: string;
  detector: string;
  /** Context words that raised or capped the severity, in normalized form. */
  adjustments: string[];
}

export interface ScanOptions {
  context?: ScanContext;
  locale?: Locale;
  explain?: boolean;
}

export interface ScanResult {
  action: Action;
  violations: Violation[];
  rulesVersion: string;
}

export const severityRank = (s: Severity): number => (s === 'high' ? 2 : s === 'medium' ? 1 : 0);
