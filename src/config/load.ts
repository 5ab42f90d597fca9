/**
 * Reads the service configuration once at start-up: environment variables, overridden by
 * `kanmon serve` flags, converted from strings, checked against `ServiceConfigSchema`, frozen.
 * Every bad setting is reported at once, by its variable and flag name.
 */
import path from 'node:path';
import { Value } from 'typebox/value';
import { ConfigInvalidError, type ConfigIssue } from '../errors.js';
import { SETTINGS, ServiceConfigSchema, type ConfigKey, type ServiceConfig, type SettingSource } from './schema.js';

/** Raw values as strings (flags may repeat, hence arrays), keyed by setting. */
export type RawSettings = Partial<Record<ConfigKey, string | readonly string[]>>;

export interface LoadConfigInput {
  /** Usually `process.env`; empty strings count as unset (docker-compose writes `FOO=`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Parsed `kanmon serve` flags (see `parseServeFlags`); they win over the environment. */
  flags?: RawSettings;
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * Validates the environment and flags into a frozen `ServiceConfig`.
 * @throws ConfigInvalidError listing every bad setting by variable and flag.
 * @example
 * const config = loadServiceConfig({ env: process.env, flags: parseServeFlags(argv) });
 */
export function loadServiceConfig(input: LoadConfigInput = {}): ServiceConfig {
  const env = input.env ?? {};
  const flags = input.flags ?? {};
  const issues: ConfigIssue[] = [];
  const raw: Record<string, unknown> = {};

  for (const setting of SETTINGS) {
    const fromFlag = flags[setting.key];
    const fromEnv = env[setting.source.env];
    const value = fromFlag ?? (fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv);
    if (value === undefined) continue;
    const converted = convert(value, setting.source);
    if (converted.ok) raw[setting.key] = converted.value;
    else issues.push(issueFor(setting.source, converted.message));
  }

  const withDefaults = Value.Default(ServiceConfigSchema, raw) as Record<string, unknown>;
  for (const error of Value.Errors(ServiceConfigSchema, withDefaults)) {
    const key = error.instancePath.split('/')[1] as ConfigKey | undefined;
    const setting = SETTINGS.find((s) => s.key === key);
    // Conversion already reported this setting; the schema error would only repeat it.
    if (setting === undefined || issues.some((i) => i.env === setting.source.env)) continue;
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    issues.push(issueFor(setting.source, allowed ? `must be one of ${allowed.join(', ')}` : error.message));
  }

  if (issues.length > 0) throw new ConfigInvalidError(issues);
  return deepFreeze(withDefaults) as ServiceConfig;
}

type Conversion = { ok: true; value: unknown } | { ok: false; message: string };

function convert(value: string | readonly string[], source: SettingSource): Conversion {
  // Repeated flags (`--rules-dir a --rules-dir b`) arrive as an array; only lists may repeat.
  if (typeof value !== 'string') {
    if (source.syntax === 'paths' || source.syntax === 'list') return { ok: true, value: value.map((v) => v.trim()).filter(Boolean) };
    return value.length === 1 ? convert(value[0]!, source) : { ok: false, message: 'was given more than once' };
  }
  const text = value.trim();
  switch (source.syntax) {
    case 'string':
      return { ok: true, value: text };
    case 'list':
      return { ok: true, value: text.split(',').map((v) => v.trim()).filter(Boolean) };
    case 'paths':
      return { ok: true, value: text.split(path.delimiter).map((v) => v.trim()).filter(Boolean) };
    case 'boolean':
      if (/^(true|1|yes)$/i.test(text)) return { ok: true, value: true };
      if (/^(false|0|no)$/i.test(text)) return { ok: true, value: false };
      return { ok: false, message: `must be true or false, got "${clip(text)}"` };
    case 'integer':
      // Stricter than Number(): "1.5", "1e3" or "" must not quietly become a port or a limit.
      return /^\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: `must be a whole number, got "${clip(text)}"` };
    case 'number':
      return /^\d+(\.\d+)?$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: `must be a number, got "${clip(text)}"` };
    case 'bytes': {
      const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(text);
      if (match === null) return { ok: false, message: `must be a byte count such as 1048576, 512kb or 10mb, got "${clip(text)}"` };
      return { ok: true, value: Number(match[1]) * BYTE_UNITS[(match[2] ?? '').toLowerCase()]! };
    }
  }
}

const issueFor = (source: SettingSource, message: string): ConfigIssue =>
  source.flag === undefined ? { env: source.env, message } : { env: source.env, flag: source.flag, message };

/** Echoes at most a short prefix of a bad value; secrets never reach here (they are strings). */
const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
