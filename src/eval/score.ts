/**
 * The corpus scores of shared/corpus/README.md, computed exactly as the reference scorer
 * (shared/corpus/score.mjs) computes them, so `kanmon eval` and that script agree:
 *
 * - recall: share of `block`+`review` items the scanner does not `allow`;
 * - false-positive rate: share of `allow` items the scanner does not `allow`;
 * - category recall: share of expected (item, category) pairs reported at medium or high
 *   (`"a|b"`: either one counts; `low` findings are informational and never count);
 * - block agreement: share of `block` items the scanner blocks.
 *
 * An item without a result counts as `allow` with no findings, and as a missing result.
 */
import { CATEGORIES, type Category } from '../types.js';
import type { CorpusItem } from './corpus.js';

/** The part of a scan result that scoring reads (a `kanmon scan` output line fits). */
export interface ScoredResult {
  action?: string;
  violations?: { category: string; severity: string; ruleId?: string; match?: string }[];
}

export interface CategoryScore {
  /** Percentage of this category's expected pairs that were reported. */
  recall: number;
  /** Expected pairs whose first alternative is this category. */
  n: number;
  /** Clean (`allow`) items on which this category was reported at medium or high. */
  reportedOnClean: number;
}

/** Percentages are 0–100, unrounded; keys in score.mjs's `--json` order. */
export interface ScoreSummary {
  items: number;
  recall: number;
  falsePositiveRate: number;
  categoryRecall: number;
  blockAgreement: number;
  missingResults: number;
  perCategory: Record<Category, CategoryScore>;
}

/** An item the scanner got wrong, with what it returned (undefined when nothing). */
export interface ScoredItem {
  item: CorpusItem;
  result: ScoredResult | undefined;
}

const pct = (a: number, b: number): number => (b ? (100 * a) / b : 0);

/**
 * Accumulates scores one item at a time, so a corpus of any size streams through in flat
 * memory; keeps only the first `keep` misses and false positives for the report.
 * @example
 * const scorer = new CorpusScorer(20);
 * for (const item of items) scorer.add(item, results.get(String(item.id)));
 * scorer.summary().recall
 */
export class CorpusScorer {
  readonly misses: ScoredItem[] = [];
  readonly falsePositives: ScoredItem[] = [];
  #items = 0;
  #bad = 0;
  #flaggedBad = 0;
  #clean = 0;
  #flaggedClean = 0;
  #blocks = 0;
  #blocked = 0;
  #missing = 0;
  #pairs = 0;
  #pairsHit = 0;
  readonly #perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { hit: 0, all: 0, fp: 0 }])) as Record<Category, { hit: number; all: number; fp: number }>;

  constructor(private readonly keep = 0) {}

  add(item: CorpusItem, result: ScoredResult | undefined): void {
    this.#items++;
    if (!result) this.#missing++;
    const action = result?.action ?? 'allow';
    const found = new Set<string>();
    for (const v of result?.violations ?? []) if (v.severity !== 'low') found.add(v.category);
    const flagged = action !== 'allow';

    if (item.expect === 'allow') {
      this.#clean++;
      if (flagged) {
        this.#flaggedClean++;
        if (this.falsePositives.length < this.keep) this.falsePositives.push({ item, result });
      }
      for (const c of found) if (c in this.#perCategory) this.#perCategory[c as Category].fp++;
      return;
    }

    this.#bad++;
    if (flagged) this.#flaggedBad++;
    else if (this.misses.length < this.keep) this.misses.push({ item, result });
    if (item.expect === 'block') {
      this.#blocks++;
      if (action === 'block') this.#blocked++;
    }
    for (const entry of item.categories) {
      const options = entry.split('|');
      // A pair is filed under its first alternative, as score.mjs does.
      const tally = this.#perCategory[options[0] as Category];
      this.#pairs++;
      tally.all++;
      if (options.some((o) => found.has(o))) {
        this.#pairsHit++;
        tally.hit++;
      }
    }
  }

  summary(): ScoreSummary {
    return {
      items: this.#items,
      recall: pct(this.#flaggedBad, this.#bad),
      falsePositiveRate: pct(this.#flaggedClean, this.#clean),
      categoryRecall: pct(this.#pairsHit, this.#pairs),
      blockAgreement: pct(this.#blocked, this.#blocks),
      missingResults: this.#missing,
      perCategory: Object.fromEntries(
        CATEGORIES.map((c) => {
          const t = this.#perCategory[c];
          return [c, { recall: pct(t.hit, t.all), n: t.all, reportedOnClean: t.fp }];
        }),
      ) as Record<Category, CategoryScore>,
    };
  }
}
