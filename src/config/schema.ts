/**
 * The service configuration as one TypeBox schema: types, limits, defaults, documentation and
 * the environment variable / `kanmon serve` flag of every setting live here and nowhere else.
 * `load.ts` reads the environment and flags against it; docs/http.md lists the same settings
 * and a test keeps the two in step.
 */
import { Type, type Static } from 'typebox';

/** Pino's levels plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * How a setting is read from its string form. `list` is comma-separated, `paths` uses the
 * platform's path delimiter (`:` on POSIX, `;` on Windows) like `PATH`, `bytes` accepts
 * `512kb`, `10mb`, `1gb` (binary multiples) or a plain byte count.
 */
export type SettingSyntax = 'integer' | 'number' | 'boolean' | 'string' | 'list' | 'paths' | 'bytes';

/** Where a setting comes from. Secrets have no flag: command lines are visible in `ps`. */
export interface SettingSource {
  readonly env: string;
  readonly flag?: string;
  readonly syntax: SettingSyntax;
}

const source = (env: string, syntax: SettingSyntax, flag?: string): { 'x-source': SettingSource } => ({
  'x-source': flag === undefined ? { env, syntax } : { env, syntax, flag },
});

const MiB = 1024 * 1024;

export const ServiceConfigSchema = Type.Object({
  port: Type.Integer({
    minimum: 0, maximum: 65535, default: 8080,
    description: 'TCP port to listen on (0 picks a free port).',
    ...source('PORT', 'integer', '--port'),
  }),
  host: Type.String({
    minLength: 1, default: '127.0.0.1',
    description: 'Interface to listen on. The default only accepts local connections (Fastify\'s own default); set 0.0.0.0 in a container.',
    ...source('HOST', 'string', '--host'),
  }),
  rulesDirs: Type.Array(Type.String({ minLength: 1 }), {
    default: [],
    description: 'Extra rule directories (or files), applied after the built-in rules in order; later wins. Separated by the path delimiter (":" on Linux); the flag repeats.',
    ...source('KANMON_RULES_DIRS', 'paths', '--rules-dir'),
  }),
  builtinRules: Type.Boolean({
    default: true,
    description: 'Load the rule pack shipped with Kanmon before the extra directories.',
    ...source('KANMON_BUILTIN_RULES', 'boolean', '--builtin-rules'),
  }),
  bodyLimit: Type.Integer({
    minimum: 1024, default: 10 * MiB,
    description: 'Largest JSON request body in bytes (accepts 512kb, 10mb). NDJSON batches have no body limit, only a line limit.',
    ...source('KANMON_BODY_LIMIT', 'bytes', '--body-limit'),
  }),
  maxTextLength: Type.Integer({
    minimum: 1, default: 20000,
    description: 'Longest text accepted, in UTF-16 code units (JavaScript string length); longer texts get KANMON_TEXT_TOO_LONG.',
    ...source('KANMON_MAX_TEXT_LENGTH', 'integer', '--max-text-length'),
  }),
  batchMaxItems: Type.Integer({
    minimum: 1, default: 1000,
    description: 'Most items in one JSON batch; NDJSON batches are unlimited.',
    ...source('KANMON_BATCH_MAX_ITEMS', 'integer', '--batch-max-items'),
  }),
  ndjsonMaxLineBytes: Type.Integer({
    minimum: 64, default: 1 * MiB,
    description: 'Longest NDJSON input line in bytes (accepts 256kb, 1mb); a longer line gets KANMON_LINE_TOO_LONG and the stream goes on.',
    ...source('KANMON_NDJSON_MAX_LINE_BYTES', 'bytes', '--ndjson-max-line-bytes'),
  }),
  workers: Type.Integer({
    // 0 by default: threads cost their start on the first pooled batch and ~50–80 MB each
    // once they have scanned (docs/http.md, "Batches on all cores").
    minimum: 0, maximum: 256, default: 0,
    description: 'Worker threads that scan batch chunks of at least 32 lines or items, in input order (e.g. the number of CPU cores for sweeps). They start on the first such chunk, compile the rules from the rule files the request thread read and exit after 60 s idle; 0 (the default) scans batches in the request thread. Either way overload is shed with 503: the pool queues at most two chunks per thread and scans the rest in the request thread, which load shedding watches. Single scans always run in the request thread.',
    ...source('KANMON_WORKERS', 'integer', '--workers'),
  }),
  logLevel: Type.Enum(LOG_LEVELS, {
    default: 'info',
    description: 'Log level of the JSON request log.',
    ...source('LOG_LEVEL', 'string', '--log-level'),
  }),
  apiKeys: Type.Array(Type.String({ minLength: 1 }), {
    default: [],
    description: 'Comma-separated API keys. When set, /v1/scan* and /v1/rules require "Authorization: Bearer <key>".',
    ...source('KANMON_API_KEYS', 'list'),
  }),
  adminToken: Type.Optional(Type.String({
    minLength: 16,
    description: 'Bearer token for admin routes (POST /v1/rules/reload), at least 16 characters. Without it admin routes answer 404.',
    ...source('KANMON_ADMIN_TOKEN', 'string'),
  })),
  requestIdleTimeoutMs: Type.Integer({
    minimum: 0, default: 30000,
    description: 'A client that stops sending its request for this long gets 408 and its connection is closed; one that stops reading its answer, or opens a connection and sends nothing, is disconnected. Time the service itself takes does not count. Keeps stalled clients from holding sockets forever (0 disables).',
    ...source('KANMON_REQUEST_IDLE_TIMEOUT_MS', 'integer', '--request-idle-timeout-ms'),
  }),
  drainTimeoutMs: Type.Integer({
    minimum: 0, default: 10000,
    description: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish before connections are cut.',
    ...source('KANMON_DRAIN_TIMEOUT_MS', 'integer', '--drain-timeout-ms'),
  }),
  maxEventLoopDelayMs: Type.Integer({
    minimum: 0, default: 1000,
    description: 'Answer 503 KANMON_OVERLOADED while the mean event-loop delay exceeds this (0 disables).',
    ...source('KANMON_MAX_EVENT_LOOP_DELAY_MS', 'integer', '--max-event-loop-delay-ms'),
  }),
  maxEventLoopUtilization: Type.Number({
    minimum: 0, maximum: 1, default: 0,
    description: 'Answer 503 while event-loop utilization exceeds this fraction, e.g. 0.98 (0 disables).',
    ...source('KANMON_MAX_EVENT_LOOP_UTILIZATION', 'number', '--max-event-loop-utilization'),
  }),
  maxHeapUsedBytes: Type.Integer({
    minimum: 0, default: 0,
    description: 'Answer 503 while the V8 heap in use exceeds this many bytes (accepts 1gb; 0 disables).',
    ...source('KANMON_MAX_HEAP_USED_BYTES', 'bytes', '--max-heap-used-bytes'),
  }),
  maxRssBytes: Type.Integer({
    minimum: 0, default: 0,
    description: 'Answer 503 while the resident set size exceeds this many bytes (accepts 1gb; 0 disables).',
    ...source('KANMON_MAX_RSS_BYTES', 'bytes', '--max-rss-bytes'),
  }),
  retryAfterSeconds: Type.Integer({
    minimum: 1, default: 10,
    description: 'Retry-After seconds sent with 503 KANMON_OVERLOADED.',
    ...source('KANMON_RETRY_AFTER_SECONDS', 'integer', '--retry-after-seconds'),
  }),
  pressureSampleIntervalMs: Type.Integer({
    minimum: 10, default: 1000,
    description: 'How often event-loop delay, utilization and memory are sampled for the overload check.',
    ...source('KANMON_PRESSURE_SAMPLE_INTERVAL_MS', 'integer', '--pressure-sample-interval-ms'),
  }),
});

/** Validated, frozen service configuration (see `loadServiceConfig`). */
export type ServiceConfig = Readonly<Static<typeof ServiceConfigSchema>>;
export type ConfigKey = keyof Static<typeof ServiceConfigSchema>;

/** Every setting with its source and documentation, in declaration order. */
export const SETTINGS: readonly {
  readonly key: ConfigKey;
  readonly source: SettingSource;
  readonly description: string;
  readonly default: unknown;
}[] = Object.freeze(
  Object.entries(ServiceConfigSchema.properties).map(([key, schema]) => {
    const s = schema as unknown as { 'x-source': SettingSource; description: string; default?: unknown };
    return Object.freeze({ key: key as ConfigKey, source: s['x-source'], description: s.description, default: s.default });
  }),
);
