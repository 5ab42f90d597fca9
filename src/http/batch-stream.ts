/**
 * Running a batch: in the request thread, or in chunks on the scan pool's threads with the
 * results put back in input order. Small chunks stay in the request thread: a round trip to
 * a worker costs about as much as scanning one short message.
 */
import { JSON_ITEMS, NDJSON_BLOCKS, type AnsweredBlock } from '../pool/batch-task.js';
import { BLOCK_SLACK, BlockBuffers, blockLines, readLineBlocks, type LineBlock, type TooLongLine } from '../pool/line-blocks.js';
import { mapInOrder } from '../pool/ordered.js';
import { IN_FLIGHT_PER_THREAD, type ScanPool } from '../pool/scan-pool.js';
import { accountChunk, scanBatchItem, scanNdjsonLine, type BatchContext, type BatchItemResult } from './batch.js';
import { readNdjsonLines, type NdjsonLine } from './ndjson.js';
import type { ScanRequest } from './schemas/scan.js';

/**
 * Fewer lines or items than this in a chunk are scanned in the request thread: the round trip
 * to a worker (~0.1 ms, see pool/task-kind.ts) would be a large part of their cost.
 */
export const POOL_MIN_CHUNK = 32;
/** Most lines or items per pool task: bounds each answer's size and spreads work over threads. */
const POOL_MAX_CHUNK = 256;
/**
 * An NDJSON pool task is a block of whole lines cut after this many bytes (or POOL_MAX_CHUNK
 * lines): ~140 lines of ~300-character messages, ~7 ms of scanning.
 */
const POOL_BLOCK_BYTES = 128 * 1024;
/** Largest answer string handed to the socket at once (in-thread path). */
const WRITE_CUT = 65536;

/**
 * NDJSON results for an NDJSON body, one line per non-blank input line, in order. Results of
 * the lines that ended in one input chunk (in the request thread) or one block (on the pool)
 * go out in one piece, one socket write instead of one per item. Pulled by `Readable.from`,
 * so nothing more is read while the client is not reading; on the pool at most two blocks
 * per thread are in flight.
 */
export async function* ndjsonResults(body: AsyncIterable<Buffer>, ctx: BatchContext, pool?: ScanPool): AsyncGenerator<string | Uint8Array> {
  if (pool === undefined) {
    for await (const group of readNdjsonLines(body, ctx.maxLineBytes)) yield* answerInThread(group, ctx);
    return;
  }
  const limits = { maxTextLength: ctx.maxTextLength, maxLineBytes: ctx.maxLineBytes };
  const window = pool.threads * IN_FLIGHT_PER_THREAD;
  // Shared with the threads, so a block is not copied into its task; used again once answered.
  const buffers = new BlockBuffers(POOL_BLOCK_BYTES + BLOCK_SLACK, window + 2, true);
  const blocks = readLineBlocks(body, { maxLineBytes: ctx.maxLineBytes, blockBytes: POOL_BLOCK_BYTES, blockLines: POOL_MAX_CHUNK, buffers });
  const answerBlock = (item: LineBlock | TooLongLine): AnsweredBlock | Promise<AnsweredBlock> | string[] => {
    if ('tooLong' in item) return [...answerInThread([{ line: item.tooLong, tooLong: true }], ctx)];
    if (item.lines < POOL_MIN_CHUNK) {
      const lines = blockLines(item);
      buffers.give(item.bytes);
      return [...answerInThread(lines, ctx)];
    }
    return pool.run(NDJSON_BLOCKS, ctx.ruleSet, { block: item, limits }).finally(() => buffers.give(item.bytes));
  };
  for await (const answer of mapInOrder(blocks, answerBlock, window)) {
    if (Array.isArray(answer)) {
      yield* answer;
      continue;
    }
    accountChunk(ctx, answer);
    if (answer.bytes.length > 0) yield answer.bytes;
  }
}

/**
 * JSON batch results in item order; on the pool when the batch is large enough.
 * @example { results: await jsonResults(items, ctx, pool) }
 */
export async function jsonResults(items: readonly ScanRequest[], ctx: BatchContext, pool?: ScanPool): Promise<BatchItemResult[]> {
  if (pool === undefined || items.length < 2 * POOL_MIN_CHUNK) return items.map((item, index) => scanBatchItem(ctx, item, { index }));
  const limits = { maxTextLength: ctx.maxTextLength, maxLineBytes: ctx.maxLineBytes };
  const size = Math.min(POOL_MAX_CHUNK, Math.max(POOL_MIN_CHUNK, Math.ceil(items.length / (pool.threads * 4))));
  async function* chunks() {
    for (let from = 0; from < items.length; from += size) yield { from, items: items.slice(from, from + size) };
  }
  // In flight as for NDJSON: a large batch does not fill the pool's bounded queue by itself,
  // so its chunks never spill into the request thread.
  const answers = mapInOrder(chunks(), (chunk) => pool.run(JSON_ITEMS, ctx.ruleSet, { items: chunk.items, firstIndex: chunk.from, limits }), pool.threads * IN_FLIGHT_PER_THREAD);
  const results: BatchItemResult[] = [];
  for await (const answer of answers) {
    accountChunk(ctx, answer);
    for (const result of answer.results) results.push(result);
  }
  return results;
}

function* answerInThread(group: readonly NdjsonLine[], ctx: BatchContext): Generator<string> {
  let out = '';
  for (const line of group) {
    out += `${JSON.stringify(scanNdjsonLine(ctx, line))}\n`;
    // Cut so that a chunk of tiny items cannot build a huge string.
    if (out.length >= WRITE_CUT) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}
