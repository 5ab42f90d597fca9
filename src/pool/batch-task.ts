/**
 * `POST /v1/scan/batch` on a pool: blocks of NDJSON input bytes or JSON items in, answers plus
 * what the request thread records (summed outcomes, failures) out.
 *
 * NDJSON goes as raw bytes both ways, as `kanmon scan`'s blocks do (cli-task.ts): the request
 * thread only finds line ends, and the worker decodes the lines and encodes its answer. Sent
 * as decoded lines, a 20,000-item request of ~300-character messages cost the request thread
 * ~7 µs per item in UTF-8 decoding alone and ~3 µs in cloning the lines into tasks (CPU
 * profile of the service, `KANMON_WORKERS=2`, bench input); that thread is the one every
 * worker waits on, so its cost per item caps what more cores can add. As blocks, its CPU per
 * item went from ~14 to ~8.5 µs (per-thread CPU over 2 × 20,000 items, two runs each).
 */
import { answerItems, answerNdjsonLines, type AnsweredItems, type AnsweredLines, type BatchLimits } from '../http/batch.js';
import type { ScanRequest } from '../http/schemas/scan.js';
import type { RuleSet } from '../rules/rule-set.js';
import { blockLines, type LineBlock } from './line-blocks.js';
import { workerUrl, type TaskKind } from './task-kind.js';

/** A block of whole NDJSON input lines (see line-blocks.ts). */
export interface NdjsonBlockTask {
  readonly block: LineBlock;
  readonly limits: BatchLimits;
}

/** The NDJSON answer to a block, as UTF-8. */
export interface AnsweredBlock extends Omit<AnsweredLines, 'text'> {
  readonly bytes: Uint8Array;
}

/** JSON batch items `items[i]`, reported at index `firstIndex + i`. */
export interface JsonItemsTask {
  readonly items: readonly ScanRequest[];
  readonly firstIndex: number;
  readonly limits: BatchLimits;
}

/**
 * The NDJSON answer to a block of input lines, with their outcomes summed.
 * @example answerNdjsonBlock(ruleSet, limits, { bytes: Buffer.from('{"text":"a"}\n'), firstLine: 1, lines: 1 }).bytes
 */
export function answerNdjsonBlock(ruleSet: RuleSet, limits: BatchLimits, block: LineBlock): AnsweredBlock {
  const { text, summary, failures } = answerNdjsonLines(ruleSet, limits, blockLines(block));
  return { bytes: Buffer.from(text, 'utf8'), summary, failures };
}

export const NDJSON_BLOCKS: TaskKind<NdjsonBlockTask, AnsweredBlock> = Object.freeze({
  worker: workerUrl(import.meta.url, 'batch-worker'),
  answer: (ruleSet: RuleSet, task: NdjsonBlockTask) => answerNdjsonBlock(ruleSet, task.limits, task.block),
});

export const JSON_ITEMS: TaskKind<JsonItemsTask, AnsweredItems> = Object.freeze({
  worker: workerUrl(import.meta.url, 'batch-worker'),
  answer: (ruleSet: RuleSet, task: JsonItemsTask) => answerItems(ruleSet, task.limits, task.items, task.firstIndex),
});
