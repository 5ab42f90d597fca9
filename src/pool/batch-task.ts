/**
 * `POST /v1/scan/batch` on a pool: NDJSON lines or JSON items in, answers plus what the
 * request thread records (metrics, tally, failures) out.
 */
import { answerItems, answerNdjsonLines, type AnsweredItems, type AnsweredLines, type BatchLimits } from '../http/batch.js';
import type { NdjsonLine } from '../http/ndjson.js';
import type { ScanRequest } from '../http/schemas/scan.js';
import type { RuleSet } from '../rules/rule-set.js';
import { workerUrl, type TaskKind } from './task-kind.js';

export interface NdjsonLinesTask {
  readonly lines: readonly NdjsonLine[];
  readonly limits: BatchLimits;
}

/** JSON batch items `items[i]`, reported at index `firstIndex + i`. */
export interface JsonItemsTask {
  readonly items: readonly ScanRequest[];
  readonly firstIndex: number;
  readonly limits: BatchLimits;
}

export const NDJSON_LINES: TaskKind<NdjsonLinesTask, AnsweredLines> = Object.freeze({
  worker: workerUrl(import.meta.url, 'batch-worker'),
  answer: (ruleSet: RuleSet, task: NdjsonLinesTask) => answerNdjsonLines(ruleSet, task.limits, task.lines),
});

export const JSON_ITEMS: TaskKind<JsonItemsTask, AnsweredItems> = Object.freeze({
  worker: workerUrl(import.meta.url, 'batch-worker'),
  answer: (ruleSet: RuleSet, task: JsonItemsTask) => answerItems(ruleSet, task.limits, task.items, task.firstIndex),
});
