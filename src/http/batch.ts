/**
 * Batch scanning, shared by the JSON and NDJSON forms of `/v1/scan/batch`: an item that
 * cannot be scanned gets an error entry in its place and the batch goes on.
 *
 * The work is split in two so that it can run on a worker thread: `answer*` functions need
 * only a rule set and the limits (pure, cloneable results); `account` does what needs the
 * request thread's state (metrics, the request's summed outcomes, its logger).
 */
import type { FastifyBaseLogger } from 'fastify';
import { Compile } from 'typebox/compile';
import { InternalError, InvalidInputLineError, LineTooLongError } from '../errors.js';
import type { RuleSet } from '../rules/rule-set.js';
import { meaningfulIssues } from './error-handler.js';
import type { ServiceMetrics } from './metrics.js';
import type { NdjsonLine } from './ndjson.js';
import { addOutcome, addSummary, emptySummary, type ItemOutcome, type OutcomeSummary } from './outcome-summary.js';
import { checkTextLength, scanItem } from './scan-item.js';
import { ScanRequestSchema, type BatchItemError, type ScanRequest, type ScanResultBody } from './schemas/scan.js';

/** What a batch item may use, read once per batch. */
export interface BatchLimits {
  readonly maxTextLength: number;
  readonly maxLineBytes: number;
}

export interface BatchContext extends BatchLimits {
  /** Read once for the whole batch, so all its results share one rules version. */
  readonly ruleSet: RuleSet;
  readonly metrics: ServiceMetrics;
  /** The request's outcomes so far, for its log line. */
  readonly tally: OutcomeSummary;
  readonly log: FastifyBaseLogger;
}

export type Position = { index: number } | { line: number };
export type BatchItemResult = ScanResultBody | BatchItemError;

/** One item's answer: the result for the client and what to record about it. */
export interface ItemAnswer {
  readonly result: BatchItemResult;
  readonly outcome: ItemOutcome;
  /** The engine threw (it never should): logged by the request thread, without the item. */
  readonly failure?: { readonly position: Position; readonly error: unknown };
}

// The same schema that validates `/v1/scan` bodies, compiled once for NDJSON lines.
const scanRequestCheck = Compile(ScanRequestSchema);

/** Scans one already-valid item, or answers KANMON_TEXT_TOO_LONG for it. */
export function answerItem(ruleSet: RuleSet, limits: BatchLimits, item: ScanRequest, position: Position): ItemAnswer {
  const tooLong = checkTextLength(item.text, limits.maxTextLength);
  if (tooLong !== undefined) return { result: itemError(position, item.id, tooLong), outcome: null };
  try {
    const result = scanItem(ruleSet, item);
    return { result, outcome: result };
  } catch (error) {
    // The engine does not throw on any string; if it ever does, one item must not end a
    // stream of a million.
    return { result: itemError(position, item.id, new InternalError()), outcome: null, failure: { position, error } };
  }
}

/** Parses, validates and scans one NDJSON line. */
export function answerNdjsonLine(ruleSet: RuleSet, limits: BatchLimits, input: NdjsonLine): ItemAnswer {
  const position = { line: input.line };
  if ('tooLong' in input) return { result: itemError(position, undefined, new LineTooLongError(limits.maxLineBytes)), outcome: null };
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch {
    return { result: itemError(position, undefined, new InvalidInputLineError('it is not valid JSON')), outcome: null };
  }
  if (!scanRequestCheck.Check(value)) {
    const first = meaningfulIssues(scanRequestCheck.Errors(value))[0];
    const reason = first === undefined ? 'it does not match ScanRequest' : `${first.instancePath || 'the line'} ${first.message}`;
    return { result: itemError(position, readableId(value), new InvalidInputLineError(reason)), outcome: null };
  }
  return answerItem(ruleSet, limits, value, position);
}

/** Records an item in the request thread: metrics, the request's outcomes, a failure's log line. */
export function account(ctx: BatchContext, outcome: ItemOutcome, failure?: ItemAnswer['failure']): void {
  if (failure !== undefined) ctx.log.error({ err: failure.error, ...failure.position }, 'scan failed for one batch item');
  if (outcome !== null) ctx.metrics.recordScan(outcome);
  addOutcome(ctx.tally, outcome);
}

/** Records a chunk answered elsewhere (a worker), as `account` records its items one by one. */
export function accountChunk(ctx: BatchContext, answer: { readonly summary: OutcomeSummary; readonly failures: readonly NonNullable<ItemAnswer['failure']>[] }): void {
  for (const { position, error } of answer.failures) ctx.log.error({ err: error, ...position }, 'scan failed for one batch item');
  ctx.metrics.recordScans(answer.summary);
  addSummary(ctx.tally, answer.summary);
}

/** Scans one item in the request thread and records it. */
export function scanBatchItem(ctx: BatchContext, item: ScanRequest, position: Position): BatchItemResult {
  const answer = answerItem(ctx.ruleSet, ctx, item, position);
  account(ctx, answer.outcome, answer.failure);
  return answer.result;
}

/** Parses, validates and scans one NDJSON line in the request thread and records it. */
export function scanNdjsonLine(ctx: BatchContext, input: NdjsonLine): BatchItemResult {
  const answer = answerNdjsonLine(ctx.ruleSet, ctx, input);
  account(ctx, answer.outcome, answer.failure);
  return answer.result;
}

/**
 * The NDJSON text answering some lines, and what to record for each (the unit of work a
 * worker thread takes: one input chunk's lines in, one string out).
 */
export interface AnsweredLines {
  readonly text: string;
  readonly summary: OutcomeSummary;
  readonly failures: NonNullable<ItemAnswer['failure']>[];
}

/** Answers lines as NDJSON, with the sum of their outcomes for `accountChunk`. */
export function answerNdjsonLines(ruleSet: RuleSet, limits: BatchLimits, lines: readonly NdjsonLine[]): AnsweredLines {
  let text = '';
  const summary = emptySummary();
  const failures: NonNullable<ItemAnswer['failure']>[] = [];
  for (const line of lines) {
    const answer = answerNdjsonLine(ruleSet, limits, line);
    text += `${JSON.stringify(answer.result)}\n`;
    addOutcome(summary, answer.outcome);
    if (answer.failure !== undefined) failures.push(answer.failure);
  }
  return { text, summary, failures };
}

/** JSON batch results and what to record for each. */
export interface AnsweredItems {
  readonly results: BatchItemResult[];
  readonly summary: OutcomeSummary;
  readonly failures: NonNullable<ItemAnswer['failure']>[];
}

/** Answers JSON batch items `items[i]` at index `firstIndex + i`. */
export function answerItems(ruleSet: RuleSet, limits: BatchLimits, items: readonly ScanRequest[], firstIndex: number): AnsweredItems {
  const results: BatchItemResult[] = [];
  const summary = emptySummary();
  const failures: NonNullable<ItemAnswer['failure']>[] = [];
  for (let i = 0; i < items.length; i++) {
    const answer = answerItem(ruleSet, limits, items[i]!, { index: firstIndex + i });
    results.push(answer.result);
    addOutcome(summary, answer.outcome);
    if (answer.failure !== undefined) failures.push(answer.failure);
  }
  return { results, summary, failures };
}

function itemError(position: Position, id: string | undefined, error: { code: string; message: string }): BatchItemError {
  return { ...position, ...(id === undefined ? {} : { id }), error: { code: error.code, message: error.message } };
}

/** The id of an invalid item, echoed only when it is itself a well-formed id. */
function readableId(value: unknown): string | undefined {
  const id = (value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined);
  return typeof id === 'string' && id.length <= 256 ? id : undefined;
}
