/**
 * The text report of `kanmon eval`, line for line the layout of shared/corpus/score.mjs,
 * so the two can be compared by eye or by diff; the miss listing adds rule ids.
 */
import { CATEGORIES } from '../types.js';
import type { ScoredItem, ScoreSummary } from './score.js';

/**
 * The summary block: totals, the four headline scores, one line per category.
 * @example formatSummary(scorer.summary()).split('\n')[0] // 'items 465  missing results 0'
 */
export function formatSummary(summary: ScoreSummary): string {
  const lines = [
    `items ${summary.items}  missing results ${summary.missingResults}`,
    `recall ${summary.recall.toFixed(1)}%  false-positive rate ${summary.falsePositiveRate.toFixed(1)}%  category recall ${summary.categoryRecall.toFixed(1)}%  block agreement ${summary.blockAgreement.toFixed(1)}%`,
  ];
  for (const c of CATEGORIES) {
    const p = summary.perCategory[c];
    lines.push(`  ${c.padEnd(14)} recall ${p.recall.toFixed(1).padStart(5)}% of ${String(p.n).padStart(3)}   reported on clean items: ${p.reportedOnClean}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The `--misses` listing: missed items (expected categories, what was found) and false
 * positives (what was reported, by which rule).
 * @example formatMisses(scorer.misses, scorer.falsePositives)
 */
export function formatMisses(misses: readonly ScoredItem[], falsePositives: readonly ScoredItem[]): string {
  let out = '\nmissed:\n';
  for (const { item, result } of misses) {
    const found = (result?.violations ?? []).map((v) => `${v.category}/${v.severity}${v.ruleId ? ` ${v.ruleId}` : ''}`);
    out += `  ${item.id} [${item.categories.join(',')}] ${excerpt(item.text)} -> ${actionOf(result)}${found.length > 0 ? ` (found ${found.join(', ')})` : ''}\n`;
  }
  out += 'false positives:\n';
  for (const { item, result } of falsePositives) {
    const found = (result?.violations ?? []).map((v) => `${v.category}:${v.match ?? ''}${v.ruleId ? ` (${v.ruleId}, ${v.severity})` : ''}`);
    out += `  ${item.id} ${excerpt(item.text)} -> ${actionOf(result)} ${found.join(', ')}\n`;
  }
  return out;
}

/** The JSON-quoted text cut at 140 characters, as score.mjs shows it. */
const excerpt = (text: string): string => JSON.stringify(text).slice(0, 140);
const actionOf = (result: ScoredItem['result']): string => (result ? (result.action ?? 'no action') : 'no result');
