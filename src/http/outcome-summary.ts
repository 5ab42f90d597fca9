/**
 * The outcomes of many scanned items, summed: a batch request's log line (items, actions,
 * categories) and what a worker's answer carries back for the request thread to record.
 * Metrics and the log only ever add outcomes up, so no object per item has to cross threads.
 */
import type { Action, Category } from '../types.js';

/** What is recorded of one item: its action and violation categories, or null when it failed. */
export type ItemOutcome = { readonly action: Action; readonly violations: readonly { readonly category: Category }[] } | null;

export interface OutcomeSummary {
  items: number;
  itemErrors: number;
  readonly actions: Record<Action, number>;
  /** Violations by category; a category absent here had none. */
  readonly violations: Partial<Record<Category, number>>;
}

export const emptySummary = (): OutcomeSummary => ({ items: 0, itemErrors: 0, actions: { allow: 0, review: 0, block: 0 }, violations: {} });

/** Adds one item's outcome to `summary`. */
export function addOutcome(summary: OutcomeSummary, outcome: ItemOutcome): void {
  summary.items++;
  if (outcome === null) {
    summary.itemErrors++;
    return;
  }
  summary.actions[outcome.action]++;
  for (const v of outcome.violations) summary.violations[v.category] = (summary.violations[v.category] ?? 0) + 1;
}

/** Adds `from` (a chunk summed elsewhere) to `into`. */
export function addSummary(into: OutcomeSummary, from: OutcomeSummary): void {
  into.items += from.items;
  into.itemErrors += from.itemErrors;
  for (const action of Object.keys(from.actions) as Action[]) into.actions[action] += from.actions[action];
  for (const category of Object.keys(from.violations) as Category[]) into.violations[category] = (into.violations[category] ?? 0) + from.violations[category]!;
}
