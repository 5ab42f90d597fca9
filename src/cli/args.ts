/**
 * Command-line parsing shared by the commands: `node:util` parseArgs in strict mode, its
 * errors turned into UsageError, and the rule-source flags every rule-loading command takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

/**
 * `--rules DIR` (repeatable, applied in order) and `--no-builtin-rules`, for every command that loads rules.
 * @example parseCommandArgs(['--rules', 'my-rules'], RULE_OPTIONS).values.rules // ['my-rules']
 */
export const RULE_OPTIONS = {
  rules: { type: 'string', multiple: true },
  'builtin-rules': { type: 'boolean', default: true },
} as const;

/** `-h` / `--help` (answered by `main` before a command runs; declared so strict parsing accepts it). */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * parseArgs with positionals allowed, `--no-<flag>` for booleans, and every parse error
 * reported as a UsageError.
 * @example const { values } = parseCommandArgs(args, { ...RULE_OPTIONS, ...HELP_OPTION })
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true; allowNegative: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for user mistakes.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/**
 * Checks a flag's value against a fixed set, so a typo fails before any work starts.
 * @example oneOf('--context', values.context, SCAN_CONTEXTS)
 */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/**
 * Parses a whole number of at least `min` from a flag.
 * @example integerAtLeast('--misses', '20', 0) // 20
 */
export function integerAtLeast(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${value}"`);
  return Number(value);
}
