/**
 * The one catalogue of Kanmon's error codes (Fastify's FST_ERR_* habit). Every error the
 * library, CLI or HTTP service reports is made here, so the codes stay stable and a test
 * can check each one against docs/errors.md.
 *
 * Messages never include scanned text or matched contact details.
 */
import createError from '@fastify/error';

/** Where in a rule file something is wrong (1-based line and column). */
export interface RuleIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted path to the offending value, e.g. `rules[3].context.near.within`. */
  path: string;
  message: string;
  ruleId?: string;
}

/**
 * One line per issue, for rule authors: where (file, line, column, path in the file), which
 * rule when the issue is inside one, and what is wrong.
 * @example formatRuleIssue(issue) // 'rules/local.yaml:9:9: rules[0].patterns[1] (rule test.evil): catastrophic backtracking …'
 */
export const formatRuleIssue = (issue: RuleIssue): string => {
  const where = `${issue.path}${issue.ruleId === undefined ? '' : `${issue.path ? ' ' : ''}(rule ${issue.ruleId})`}`;
  return `${issue.file}:${issue.line}:${issue.column}: ${where ? `${where}: ` : ''}${issue.message}`;
};

const RulesInvalidBase = createError<'KANMON_RULES_INVALID', 500, [string]>(
  'KANMON_RULES_INVALID',
  'Rule files are invalid; the previous rules stay in force.\n%s',
  500,
);

/** Thrown by rule loading; `issues` lists every problem found, not only the first. */
export class RulesInvalidError extends RulesInvalidBase {
  readonly issues: RuleIssue[];
  constructor(issues: RuleIssue[]) {
    super(issues.map(formatRuleIssue).join('\n'));
    this.issues = issues;
  }
}

export const TextTooLongError = createError<'KANMON_TEXT_TOO_LONG', 413, [number, number]>(
  'KANMON_TEXT_TOO_LONG',
  'Text is %d characters long; the limit is %d. Split it or raise the limit (KANMON_MAX_TEXT_LENGTH).',
  413,
);

export const InvalidInputLineError = createError<'KANMON_INVALID_LINE', 400, [string]>(
  'KANMON_INVALID_LINE',
  'Input line is not a valid scan request: %s',
  400,
);

// ── HTTP service and its configuration (src/http, src/config) ─────────────────────────────
// Every HTTP error body is `{ "error": { "code", "message" } }` with one of these codes (or
// KANMON_TEXT_TOO_LONG / KANMON_RULES_INVALID / KANMON_INVALID_LINE above); see docs/http.md.

/** One problem with the service configuration, named by environment variable and flag. */
export interface ConfigIssue {
  /** Environment variable, e.g. `PORT`. */
  env: string;
  /** Matching `kanmon serve` flag, e.g. `--port`; absent for secrets (never passed as flags). */
  flag?: string;
  message: string;
}

export const formatConfigIssue = (issue: ConfigIssue): string =>
  `${issue.env}${issue.flag ? ` (${issue.flag})` : ''}: ${issue.message}`;

const ConfigInvalidBase = createError<'KANMON_CONFIG_INVALID', 500, [string]>(
  'KANMON_CONFIG_INVALID',
  'Service configuration is invalid; fix these settings and start again:\n%s',
  500,
);

/** Thrown once at start-up; `issues` lists every bad setting, not only the first. */
export class ConfigInvalidError extends ConfigInvalidBase {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n'));
    this.issues = issues;
  }
}

export const InvalidRequestError = createError<'KANMON_INVALID_REQUEST', 400, [string]>(
  'KANMON_INVALID_REQUEST',
  'Request does not match the API schema: %s. See /docs for the expected shape.',
  400,
);

/** A request Node's parser accepted but HTTP/1.1 forbids: answered 400 under the generic code. */
export const MissingHostError = createError<'KANMON_INVALID_REQUEST', 400, []>(
  'KANMON_INVALID_REQUEST',
  'An HTTP/1.1 request needs a Host header; send one (every HTTP client does).',
  400,
);

export const MalformedJsonError = createError<'KANMON_MALFORMED_JSON', 400, []>(
  'KANMON_MALFORMED_JSON',
  'Request body is not valid JSON; send one JSON object with Content-Type: application/json.',
  400,
);

export const UnauthorizedError = createError<'KANMON_UNAUTHORIZED', 401, [string]>(
  'KANMON_UNAUTHORIZED',
  '%s',
  401,
);

export const NotFoundError = createError<'KANMON_NOT_FOUND', 404, [string]>(
  'KANMON_NOT_FOUND',
  'No route for %s; see /docs for the API.',
  404,
);

export const BodyTooLargeError = createError<'KANMON_BODY_TOO_LARGE', 413, [number]>(
  'KANMON_BODY_TOO_LARGE',
  'Request body is larger than %d bytes. Send fewer items, stream large batches as application/x-ndjson, or raise KANMON_BODY_LIMIT.',
  413,
);

export const BatchTooLargeError = createError<'KANMON_BATCH_TOO_LARGE', 413, [number, number]>(
  'KANMON_BATCH_TOO_LARGE',
  'Batch has %d items; the limit is %d. Split it, stream it as application/x-ndjson, or raise KANMON_BATCH_MAX_ITEMS.',
  413,
);

export const LineTooLongError = createError<'KANMON_LINE_TOO_LONG', 413, [number]>(
  'KANMON_LINE_TOO_LONG',
  'NDJSON line is longer than %d bytes and was skipped; shorten it or raise KANMON_NDJSON_MAX_LINE_BYTES.',
  413,
);

export const UnsupportedMediaTypeError = createError<'KANMON_UNSUPPORTED_MEDIA_TYPE', 415, [string]>(
  'KANMON_UNSUPPORTED_MEDIA_TYPE',
  'This Content-Type is not accepted here; send %s.',
  415,
);

export const OverloadedError = createError<'KANMON_OVERLOADED', 503, []>(
  'KANMON_OVERLOADED',
  'The service is overloaded; retry after the number of seconds in Retry-After.',
  503,
);

export const ShuttingDownError = createError<'KANMON_SHUTTING_DOWN', 503, []>(
  'KANMON_SHUTTING_DOWN',
  'The service is shutting down; retry, and the load balancer will send you to another instance.',
  503,
);

export const InternalError = createError<'KANMON_INTERNAL', 500, []>(
  'KANMON_INTERNAL',
  'Internal error; the service log has details under this request id.',
  500,
);

export const NotReadyError = createError<'KANMON_NOT_READY', 503, []>(
  'KANMON_NOT_READY',
  'Rules are not loaded yet; retry shortly.',
  503,
);
