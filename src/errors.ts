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

export const formatRuleIssue = (issue: RuleIssue): string =>
  `${issue.file}:${issue.line}:${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;

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

export const PluginLoadError = createError<'KANMON_PLUGIN_INVALID', 500, [string, string]>(
  'KANMON_PLUGIN_INVALID',
  'Detector plugin %s could not be loaded: %s',
  500,
);
