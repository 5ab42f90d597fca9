/**
 * JSON Lines input cut into blocks of raw bytes for a pool: the reading thread only finds
 * the line ends (and the lines that are too long); the thread that scans a block decodes its
 * lines itself (UTF-8 decoding alone is ~3.4 ns a byte, 0.45 s for 130 MiB). Before,
 * `kanmon scan --workers 2` on 100,000 lines (130 MiB) spent 1.7–1.9 s of main-thread CPU
 * splitting and decoding lines, cloning them as strings into tasks and encoding the answers;
 * now 1.0 s, three quarters of it start-up.
 *
 * Blocks are written into buffers that are used again once their block is answered
 * (`BlockBuffers`), shared with the worker threads (a SharedArrayBuffer is not copied into a
 * task): allocating a fresh buffer per read and per block put 270 MiB of ArrayBuffers through
 * the main thread for that input, and V8 answered the external memory with 26 full
 * collections (0.68 s of main-thread GC); with the buffers reused, 2 (those of start-up).
 *
 * The lines that come out (`blockLines`) are exactly those of the HTTP service's NDJSON
 * splitter (`readNdjsonLines`): 1-based numbers counting blank lines, a trailing CR and a
 * leading byte-order mark on line 1 removed, blank lines skipped, a line longer than
 * `maxLineBytes` (newline excluded) skipped unread and reported as `tooLong`.
 */
import type { FileHandle } from 'node:fs/promises';
import { ndjsonLine, type NdjsonLine } from '../http/ndjson.js';

/** Whole lines, as bytes (each ending in a newline except perhaps the very last of the input). */
export interface LineBlock {
  readonly bytes: Uint8Array;
  /** Number of the block's first line. */
  readonly firstLine: number;
  /** Physical lines in the block, blank ones included. */
  readonly lines: number;
}

/** A line longer than the limit, skipped unread. */
export interface TooLongLine {
  readonly tooLong: number;
}

export interface LineBlockOptions {
  readonly maxLineBytes: number;
  /** A block is cut at the first line end after this many bytes. */
  readonly blockBytes: number;
  /** …or after this many lines. */
  readonly blockLines: number;
  /** Where blocks are written; by default each gets a buffer of its own. */
  readonly buffers?: BlockBuffers;
}

/**
 * Room a block's buffer keeps beyond the block size, for the line that crosses the cut; a
 * longer line gets a buffer of its own.
 */
export const BLOCK_SLACK = 64 * 1024;

const NEWLINE = 0x0a;
const NOT_YET = Symbol('not yet');

/**
 * Buffers for blocks, used again once given back: the caller gives a block's buffer back
 * when the block is answered, and no more than `keep` wait to be used again. Buffers larger
 * than `size` (a block with a very long line) are not kept.
 * @example const buffers = new BlockBuffers(160 << 10, 6, true)
 */
export class BlockBuffers {
  readonly #free: ArrayBufferLike[] = [];

  /**
   * @param size bytes of a buffer (a block of `blockBytes` plus the line that crosses it fits without growing).
   * @param keep how many free buffers to keep.
   * @param shared SharedArrayBuffers, which a worker thread reads without a copy.
   */
  constructor(
    readonly size: number,
    readonly keep: number,
    readonly shared: boolean,
  ) {}

  /** A buffer of at least `min` bytes. */
  take(min: number): Uint8Array {
    if (min <= this.size) {
      const free = this.#free.pop();
      if (free !== undefined) return new Uint8Array(free);
    }
    const size = Math.max(min, this.size);
    return new Uint8Array(this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  }

  /** Gives back the buffer of an answered block; nothing may read it afterwards. */
  give(bytes: Uint8Array): void {
    if (bytes.buffer.byteLength === this.size && this.#free.length < this.keep) this.#free.push(bytes.buffer);
  }
}

/**
 * The chunks of a file, read into one buffer used again for every read: each chunk is valid
 * until the next is asked for (`readLineBlocks` copies what it keeps).
 * @example readLineBlocks(fileChunks(await open(file)), options)
 */
export async function* fileChunks(handle: FileHandle, size = 256 * 1024): AsyncGenerator<Uint8Array> {
  const buffer = Buffer.allocUnsafeSlow(size);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads `source` and yields blocks of whole lines, and each too-long line in its place. A
 * chunk of `source` need only stay valid until the next is asked for. A block is never held
 * back to wait for more input: when the next chunk has not arrived by the end of the current
 * turn of the event loop, the whole lines read so far go out, so someone typing lines gets
 * each answer at once.
 * @example for await (const block of readLineBlocks(stdin, { maxLineBytes: 1 << 20, blockBytes: 128 << 10, blockLines: 512 })) …
 */
export async function* readLineBlocks(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: LineBlockOptions,
): AsyncGenerator<LineBlock | TooLongLine> {
  const { maxLineBytes } = options;
  const buffers = options.buffers ?? new BlockBuffers(options.blockBytes + BLOCK_SLACK, 0, false);
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source)[Symbol.asyncIterator]();
  // The block being built: whole lines in [0, used), then the line being read in [used, end).
  let buffer = buffers.take(0);
  let used = 0;
  let end = 0;
  let lines = 0;
  let firstLine = 1;
  /** Whether the line being read is too long: its bytes are dropped until its newline. */
  let skipping = false;

  /** The whole lines so far as a block; the line being read moves to a new buffer. */
  const takeBlock = (): LineBlock => {
    const block = { bytes: buffer.subarray(0, used), firstLine, lines };
    const next = buffers.take(end - used);
    next.set(buffer.subarray(used, end));
    buffer = next;
    end -= used;
    used = 0;
    firstLine += lines;
    lines = 0;
    return block;
  };
  const append = (chunk: Uint8Array, from: number, to: number): void => {
    if (end + (to - from) > buffer.length) {
      const grown = buffers.take(Math.max(buffer.length * 2, end + (to - from)));
      grown.set(buffer.subarray(0, end));
      buffers.give(buffer);
      buffer = grown;
    }
    buffer.set(chunk.subarray(from, to), end);
    end += to - from;
  };

  let next: Promise<IteratorResult<Uint8Array | string>> | null = null;
  let done = false;
  try {
    for (;;) {
      next ??= iterator.next();
      const read = lines === 0 ? await next : await Promise.race([next, new Promise<typeof NOT_YET>((resolve) => setImmediate(resolve, NOT_YET))]);
      if (read === NOT_YET) {
        yield takeBlock();
        continue;
      }
      next = null;
      if (read.done === true) break;
      const chunk = typeof read.value === 'string' ? Buffer.from(read.value, 'utf8') : read.value;
      let from = 0;
      while (from < chunk.length) {
        const newline = chunk.indexOf(NEWLINE, from);
        const to = newline === -1 ? chunk.length : newline;
        if (!skipping && end - used + (to - from) > maxLineBytes) {
          // Too long: the lines before it go out first, then its error in its place.
          end = used;
          if (lines > 0) yield takeBlock();
          skipping = true;
        }
        if (!skipping) append(chunk, from, newline === -1 ? to : to + 1);
        if (newline === -1) break;
        if (skipping) {
          skipping = false;
          yield { tooLong: firstLine };
          firstLine++;
        } else {
          used = end;
          lines++;
          if (used >= options.blockBytes || lines >= options.blockLines) yield takeBlock();
        }
        from = newline + 1;
      }
    }
    done = true;
    // The last line, without a newline.
    if (skipping) {
      if (lines > 0) yield takeBlock();
      yield { tooLong: firstLine };
    } else {
      if (end > used) {
        used = end;
        lines++;
      }
      if (lines > 0) yield takeBlock();
    }
  } finally {
    if (!done) {
      next?.catch(() => {});
      void Promise.resolve(iterator.return?.()).catch(() => {});
    }
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * The non-blank lines of a block, numbered from its first line, as `readNdjsonLines` gives them.
 * @example blockLines({ bytes: Buffer.from('{"text":"a"}\n\n{"text":"b"}\n'), firstLine: 1, lines: 3 }) // lines 1 and 3
 */
export function blockLines(block: LineBlock): NdjsonLine[] {
  const { bytes } = block;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: NdjsonLine[] = [];
  let lineNumber = block.firstLine;
  let from = 0;
  while (from < buffer.length) {
    let next = buffer.indexOf(NEWLINE, from);
    if (next === -1) next = buffer.length;
    const line = ndjsonLine(buffer.subarray(from, next), lineNumber);
    if (line !== undefined) out.push(line);
    lineNumber++;
    from = next + 1;
  }
  return out;
}
