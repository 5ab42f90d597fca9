/**
 * The streams a command talks through. Commands never touch `process` directly, so tests
 * run them in-process with in-memory streams and the real binary passes the process's own.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable;
  /** Read for NO_COLOR / FORCE_COLOR only. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The running process's streams.
 * @example await main(['rules', 'check'], processIo())
 */
export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

/**
 * Writes a chunk and, when the stream's buffer is full, waits until it drains, so a fast
 * producer never piles up output in memory (or until the stream closes, e.g. `| head`).
 * @example await write(io.stdout, JSON.stringify(result) + '\n')
 */
export async function write(stream: Writable, chunk: string | Uint8Array): Promise<void> {
  if (stream.write(chunk)) return;
  if (stream.destroyed || stream.writableEnded) return;
  const ac = new AbortController();
  await Promise.race([once(stream, 'drain', { signal: ac.signal }), once(stream, 'close', { signal: ac.signal })]).finally(() => ac.abort());
}

/**
 * Whether to colour output: only for a terminal, and never when NO_COLOR is set
 * (no-color.org); FORCE_COLOR turns it on for pipes (the convention of chalk and Node).
 * @example const color = useColor(io)
 */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}
