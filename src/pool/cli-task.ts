/**
 * `kanmon scan` on a pool: a chunk of JSON Lines input in, the text written for it out.
 *
 * The CLI sends blocks of raw input bytes (`CLI_BLOCKS`) and gets UTF-8 bytes back, so its
 * main thread neither decodes lines nor encodes output: on 100,000 lines (130 MiB in, bench
 * input, `--workers 2`) that thread's CPU went from 1.7–1.9 s to 1.0 s, ~0.75 s of which is
 * start-up (see line-blocks.ts).
 */
import { formatPretty } from '../cli/pretty.js';
import { scanLine, toJsonLine, type LineScanOptions } from '../cli/scan-line.js';
import type { NdjsonLine } from '../http/ndjson.js';
import type { RuleSet } from '../rules/rule-set.js';
import { blockLines, type LineBlock } from './line-blocks.js';
import { workerUrl, type TaskKind } from './task-kind.js';

/** How lines are scanned and written. */
export interface CliRender {
  readonly options: LineScanOptions;
  /** `--pretty` report blocks instead of JSON Lines, coloured or not. */
  readonly pretty: boolean;
  readonly color: boolean;
}

export interface CliLinesTask extends CliRender {
  readonly lines: readonly NdjsonLine[];
}

/** A block of input bytes (whole lines), see line-blocks.ts. */
export interface CliBlockTask extends CliRender {
  readonly block: LineBlock;
}

/**
 * The text `kanmon scan` writes for these lines, in their order.
 * @example answerCliLines(ruleSet, { lines, options, pretty: false, color: false }) // '{"id":…}\n{"id":…}\n'
 */
export function answerCliLines(ruleSet: RuleSet, task: CliLinesTask): string {
  const { lines, options, pretty, color } = task;
  let out = '';
  for (const line of lines) {
    const outcome = scanLine(ruleSet, line, options);
    out += pretty ? formatPretty(outcome, { color }) : `${toJsonLine(outcome)}\n`;
  }
  return out;
}

/**
 * What `kanmon scan` writes for a block of input lines, as UTF-8.
 * @example answerCliBlock(ruleSet, { block: { bytes, firstLine: 1, lines: 2 }, options, pretty: false, color: false })
 */
export function answerCliBlock(ruleSet: RuleSet, task: CliBlockTask): Uint8Array {
  return Buffer.from(answerCliLines(ruleSet, { ...task, lines: blockLines(task.block) }), 'utf8');
}

export const CLI_BLOCKS: TaskKind<CliBlockTask, Uint8Array> = Object.freeze({
  worker: workerUrl(import.meta.url, 'cli-worker'),
  answer: answerCliBlock,
});
