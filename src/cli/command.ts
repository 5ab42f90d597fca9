/**
 * The shape of one CLI command (ESLint's `meta` + `create` habit): what it is called,
 * its help text, and the function that runs it. `main.ts` keeps the registry.
 */
import type { CliIo } from './io.js';

export interface Command {
  /** Words typed after `kanmon`, e.g. `scan` or `rules check`. */
  readonly name: string;
  /** One line for `kanmon --help`. */
  readonly summary: string;
  /** Full text for `kanmon <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * Exit codes shared by every command.
 * @example return failures > 0 ? EXIT.failed : EXIT.ok;
 */
export const EXIT = Object.freeze({
  ok: 0,
  /** The command ran and found a problem (invalid rules, failing examples). */
  failed: 1,
  /** The command could not run: bad arguments, unreadable files or rules. */
  usage: 2,
});

/**
 * Thrown for a mistake on the command line; `main` prints it with a pointer to `--help` and exits 2.
 * @example throw new UsageError('missing CORPUS.jsonl');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
