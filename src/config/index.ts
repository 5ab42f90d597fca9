/**
 * Service configuration: one schema (`schema.ts`) read from environment variables and
 * `kanmon serve` flags, validated once at start-up and frozen.
 * @example
 * import { loadServiceConfig, parseServeFlags } from '../config/index.js';
 * const config = loadServiceConfig({ env: process.env, flags: parseServeFlags(process.argv.slice(3)) });
 */
export { loadServiceConfig, type LoadConfigInput, type RawSettings } from './load.js';
export { parseServeFlags, formatServeHelp, SERVE_FLAG_OPTIONS } from './flags.js';
export { ServiceConfigSchema, SETTINGS, LOG_LEVELS, type ServiceConfig, type ConfigKey, type SettingSource } from './schema.js';
