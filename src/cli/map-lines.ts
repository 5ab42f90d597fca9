/**
 * The streaming loops of JSON Lines commands: split the input into lines with the HTTP
 * service's line limit, map them to their output, and write the outputs in input order,
 * waiting whenever the output is full. Memory stays flat however long the input is.
 *
 * - `mapLineBlocks` (`kanmon scan`): blocks of raw lines (pool/line-blocks.ts), mapped on a
 *   pool's threads or here, one write per block;
 * - `mapLines`: line by line, one write per input chunk, at most `inFlight` lines being mapped.
 */
import type { Readable, Writable } from 'node:stream';
import { readNdjsonLines, type NdjsonLine } from '../http/ndjson.js';
import { readLineBlocks, type LineBlock, type LineBlockOptions, type TooLongLine } from '../pool/line-blocks.js';
import { mapInOrder } from '../pool/ordered.js';
import { write } from './io.js';

/**
 * Maps one non-blank input line (or a too-long marker) to the text written for it.
 * May return a promise: a worker pool slots in here.
 */
export type LineMapper = (line: NdjsonLine) => string | Promise<string>;

export interface MapLinesOptions {
  /** Longest line in bytes; a longer one is skipped unread and mapped as `tooLong`. */
  readonly maxLineBytes: number;
  /**
   * How many lines may be mapped at once (default 1). Above 1 the mapper's promises run
   * concurrently, e.g. on a pool's threads, and are still written in input order.
   */
  readonly inFlight?: number;
}

/**
 * Streams `input` through `map` to `output`, in order.
 * @example await mapLines(io.stdin, io.stdout, (l) => ('text' in l ? l.text.toUpperCase() : '') + '\n', { maxLineBytes: 1 << 20 })
 */
export async function mapLines(input: Readable, output: Writable, map: LineMapper, options: MapLinesOptions): Promise<void> {
  const inFlight = Math.max(1, options.inFlight ?? 1);
  const pending: (string | Promise<string>)[] = [];
  for await (const group of readNdjsonLines(input, options.maxLineBytes)) {
    let chunk = '';
    for (const line of group) {
      const mapped = map(line);
      // A rejection is rethrown when its turn comes; until then it must not count as unhandled.
      if (mapped instanceof Promise) mapped.catch(() => {});
      pending.push(mapped);
      while (pending.length >= inFlight) chunk += await pending.shift()!;
    }
    // One write per input chunk, not per line: 200k short lines to a file took 0.2 s of
    // loop time instead of 0.3 s (measured with a trivial mapper; scanning is ~20 µs a line).
    if (chunk !== '') await write(output, chunk);
  }
  let rest = '';
  while (pending.length > 0) rest += await pending.shift()!;
  if (rest !== '') await write(output, rest);
}

/**
 * Maps a block of whole input lines (or a line too long to read) to what is written for it:
 * a string or UTF-8 bytes. May return a promise: a pool task.
 */
export type BlockMapper = (block: LineBlock | TooLongLine) => string | Uint8Array | Promise<string | Uint8Array>;

export interface MapBlocksOptions extends LineBlockOptions {
  /** How many blocks may be mapped at once; results are still written in input order. */
  readonly window: number;
}

/**
 * Streams `input` through `map` to `output` a block of raw lines at a time (see
 * line-blocks.ts), in order, with at most `window` blocks being mapped (on a pool's threads)
 * and one write per block. Reading pauses while the output is full or the window is.
 * @example await mapLineBlocks(io.stdin, io.stdout, (block) => pool.run(CLI_BLOCKS, rules, { block, … }), { maxLineBytes: 1 << 20, blockBytes: 128 << 10, blockLines: 512, window: 4 })
 */
export async function mapLineBlocks(input: AsyncIterable<Uint8Array | string>, output: Writable, map: BlockMapper, options: MapBlocksOptions): Promise<void> {
  for await (const out of mapInOrder(readLineBlocks(input, options), map, options.window)) {
    if (out.length > 0) await write(output, out);
  }
}
