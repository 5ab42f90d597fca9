/**
 * `kanmon scan` on a pool: a chunk of JSON Lines input in, the text written for it out.
 */
import { formatPretty } from '../cli/pretty.js';
import { scanLine, toJsonLine, type LineScanOptions } from '../cli/scan-line.js';
import type { NdjsonLine } from '../http/ndjson.js';
import type { RuleSet } from '../rules/rule-set.js';
import { workerUrl, type TaskKind } from './task-kind.js';

export interface CliLinesTask {
  readonly lines: readonly NdjsonLine[];
  readonly options: LineScanOptions;
  /** `--pretty` report blocks instead of JSON Lines, coloured or not. */
  readonly pretty: boolean;
  readonly color: boolean;
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

export const CLI_LINES: TaskKind<CliLinesTask, string> = Object.freeze({
  worker: workerUrl(import.meta.url, 'cli-worker'),
  answer: answerCliLines,
});
