/**
 * The streaming loop of `kanmon scan`: cut the input into blocks of raw lines with the HTTP
 * service's line limit (pool/line-blocks.ts), map them to their output on a pool's threads or
 * here, and write the outputs in input order, one write per block, waiting whenever the output
 * is full. Memory stays flat however long the input is.
 */
import type { Writable } from 'node:stream';
import { readLineBlocks, type LineBlock, type LineBlockOptions, type TooLongLine } from '../pool/line-blocks.js';
import { mapInOrder } from '../pool/ordered.js';
import { write } from './io.js';

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
