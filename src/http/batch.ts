/**
 * Batch scanning, shared by the JSON and NDJSON forms of `/v1/scan/batch`: an item that
 * cannot be scanned gets an error entry in its place and the batch goes on.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Compile } from 'typebox/compile';
import { InternalError, InvalidInputLineError, LineTooLongError } from '../errors.js';
import type { RuleSet } from '../rules/rule-set.js';
import { meaningfulIssues } from './error-handler.js';
import type { ServiceMetrics } from './metrics.js';
import type { NdjsonLine } from './ndjson.js';
import type { ScanTally } from './request-log.js';
import { checkTextLength, scanItem } from './scan-item.js';
import { ScanRequestSchema, type BatchItemError, type ScanRequest, type ScanResultBody } from './schemas/scan.js';

export interface BatchContext {
  /** Read once for the whole batch, so all its results share one rules version. */
  readonly ruleSet: RuleSet;
  readonly maxTextLength: number;
  readonly maxLineBytes: number;
  readonly metrics: ServiceMetrics;
  readonly tally: ScanTally;
  readonly log: FastifyBaseLogger;
}

type Position = { index: number } | { line: number };
export type BatchItemResult = ScanResultBody | BatchItemError;

// The same schema that validates `/v1/scan` bodies, compiled once for NDJSON lines.
const scanRequestCheck = Compile(ScanRequestSchema);

/** Scans one already-valid item, or answers KANMON_TEXT_TOO_LONG for it. */
export function scanBatchItem(ctx: BatchContext, item: ScanRequest, position: Position): BatchItemResult {
  const tooLong = checkTextLength(item.text, ctx.maxTextLength);
  if (tooLong !== undefined) {
    ctx.tally.addError();
    return itemError(position, item.id, tooLong);
  }
  let result: ScanResultBody;
  try {
    result = scanItem(ctx.ruleSet, item);
  } catch (error) {
    // The engine does not throw on any string; if it ever does, one item must not end a
    // stream of a million. The error is logged without the item (it may hold the text).
    ctx.log.error({ err: error, ...position }, 'scan failed for one batch item');
    ctx.tally.addError();
    return itemError(position, item.id, new InternalError());
  }
  ctx.metrics.recordScan(result);
  ctx.tally.add(result);
  return result;
}

/** Parses, validates and scans one NDJSON line. */
export function scanNdjsonLine(ctx: BatchContext, input: NdjsonLine): BatchItemResult {
  const position = { line: input.line };
  if ('tooLong' in input) {
    ctx.tally.addError();
    return itemError(position, undefined, new LineTooLongError(ctx.maxLineBytes));
  }
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch {
    ctx.tally.addError();
    return itemError(position, undefined, new InvalidInputLineError('it is not valid JSON'));
  }
  if (!scanRequestCheck.Check(value)) {
    ctx.tally.addError();
    const first = meaningfulIssues(scanRequestCheck.Errors(value))[0];
    const reason = first === undefined ? 'it does not match ScanRequest' : `${first.instancePath || 'the line'} ${first.message}`;
    return itemError(position, readableId(value), new InvalidInputLineError(reason));
  }
  return scanBatchItem(ctx, value, position);
}

/**
 * NDJSON results for NDJSON input, one line per non-blank input line, in order. Results of
 * the lines that ended in one input chunk go out as one string (one socket write instead of
 * one per item), cut at 64 KiB so a chunk of tiny items cannot build a huge string. Pulled by
 * `Readable.from`, so nothing more is read while the client is not reading.
 */
export async function* ndjsonResults(lines: AsyncIterable<NdjsonLine[]>, ctx: BatchContext): AsyncGenerator<string> {
  for await (const group of lines) {
    let out = '';
    for (const line of group) {
      out += `${JSON.stringify(scanNdjsonLine(ctx, line))}\n`;
      if (out.length >= 65536) {
        yield out;
        out = '';
      }
    }
    if (out !== '') yield out;
  }
}

function itemError(position: Position, id: string | undefined, error: { code: string; message: string }): BatchItemError {
  return { ...position, ...(id === undefined ? {} : { id }), error: { code: error.code, message: error.message } };
}

/** The id of an invalid item, echoed only when it is itself a well-formed id. */
function readableId(value: unknown): string | undefined {
  const id = (value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined);
  return typeof id === 'string' && id.length <= 256 ? id : undefined;
}
