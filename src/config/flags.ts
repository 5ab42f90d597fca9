/**
 * `kanmon serve` flags, derived from the same settings table as the environment variables so
 * the two can never disagree. The CLI calls `parseServeFlags(argv)` and hands the result to
 * `loadServiceConfig({ env: process.env, flags })`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigInvalidError } from '../errors.js';
import type { RawSettings } from './load.js';
import { SETTINGS, type ConfigKey } from './schema.js';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs options for every flag-settable setting (`--port`, `--rules-dir`, …). */
export const SERVE_FLAG_OPTIONS: Readonly<FlagOptions> = Object.freeze(
  Object.fromEntries(
    SETTINGS.flatMap(({ source }) => {
      if (source.flag === undefined) return [];
      const name = source.flag.slice(2);
      const repeatable = source.syntax === 'paths' || source.syntax === 'list';
      const option: [string, FlagOptions[string]] = [name, { type: 'string', multiple: repeatable }];
      // Booleans also take the `--no-<name>` form, e.g. `--no-builtin-rules`.
      return source.syntax === 'boolean' ? [option, [`no-${name}`, { type: 'boolean' }] as [string, FlagOptions[string]]] : [option];
    }),
  ),
);

/**
 * Parses `kanmon serve` flags into raw settings for `loadServiceConfig`.
 * @throws ConfigInvalidError for unknown flags or positional arguments.
 * @example loadServiceConfig({ env: process.env, flags: parseServeFlags(['--port', '9000']) })
 */
export function parseServeFlags(argv: readonly string[]): RawSettings {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: SERVE_FLAG_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigInvalidError([{ env: 'argv', message: `${(error as Error).message}; run "kanmon serve --help" for the flags` }]);
  }
  const flags: Partial<Record<ConfigKey, string | string[]>> = {};
  for (const { key, source } of SETTINGS) {
    if (source.flag === undefined) continue;
    const name = source.flag.slice(2);
    const value = values[name];
    if (values[`no-${name}`] === true) flags[key] = 'false';
    if (typeof value === 'string') flags[key] = value;
    else if (Array.isArray(value)) flags[key] = value.map(String);
  }
  return flags;
}

/** One line per setting, for `kanmon serve --help`. */
export function formatServeHelp(): string {
  return SETTINGS.map(({ source, description, default: def }) => {
    const names = source.flag === undefined ? source.env : `${source.flag}, ${source.env}`;
    const shown = def === undefined || (Array.isArray(def) && def.length === 0) ? '' : ` (default ${JSON.stringify(def)})`;
    return `  ${names}\n      ${description}${shown}`;
  }).join('\n');
}
