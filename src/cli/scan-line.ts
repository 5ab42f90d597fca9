/**
 * One JSON Lines input line in, one outcome out: the unit of work of `kanmon scan`.
 * It holds no state between lines, so a worker pool can run it on any thread and the
 * caller only has to keep outputs in input order.
 */
import { InvalidInputLineError, LineTooLongError } from '../errors.js';
import { scan } from '../engine/scan.js';
import type { NdjsonLine } from '../http/ndjson.js';
import { checkTextLength } from '../http/scan-item.js';
import type { RuleSet } from '../rules/rule-set.js';
import { LOCALES, SCAN_CONTEXTS, type Action, type Locale, type ScanContext, type Violation } from '../types.js';

export interface LineScanOptions {
  /** Used for lines without their own `context`. */
  readonly context: ScanContext;
  /** Used for lines without their own `locale`. */
  readonly locale: Locale;
  readonly explain: boolean;
  /** Longest `text` accepted, in UTF-16 code units (like the HTTP service). */
  readonly maxTextLength: number;
  /** Longest input line in bytes; reported in the error of a line that was longer. */
  readonly maxLineBytes: number;
}

/** What one JSON output line holds for a scanned text. */
export interface ScannedLine {
  id: unknown;
  action: Action;
  violations: Violation[];
}

/** What one JSON output line holds for a line that could not be scanned. */
export interface FailedLine {
  line: number;
  id?: unknown;
  error: { code: string; message: string };
}

/** A line's outcome, with the text kept for the human-readable report. */
export type LineOutcome =
  | { kind: 'scanned'; line: number; text: string; output: ScannedLine }
  | { kind: 'failed'; line: number; output: FailedLine };

/**
 * Scans one non-blank input line. Never throws: a bad line becomes a `failed` outcome
 * whose message names what is wrong but never quotes the text.
 * @example scanLine(ruleSet, { line: 1, text: '{"id":1,"text":"LINE: kenta88"}' }, options).output.action // 'block'
 */
export function scanLine(ruleSet: RuleSet, input: NdjsonLine, options: LineScanOptions): LineOutcome {
  const lineNumber = input.line;
  if ('tooLong' in input) return failed(lineNumber, undefined, new LineTooLongError(options.maxLineBytes));
  let request: unknown;
  try {
    request = JSON.parse(input.text);
  } catch {
    // JSON.parse's own message quotes the input; ours must not.
    return invalid(lineNumber, undefined, 'not valid JSON');
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return invalid(lineNumber, undefined, 'not a JSON object');
  const { id, text, context = options.context, locale = options.locale } = request as Record<string, unknown>;
  if (typeof text !== 'string') return invalid(lineNumber, id, '"text" is missing or not a string');
  if (!SCAN_CONTEXTS.includes(context as ScanContext)) return invalid(lineNumber, id, `"context" must be one of ${SCAN_CONTEXTS.join(', ')}`);
  if (!LOCALES.includes(locale as Locale)) return invalid(lineNumber, id, `"locale" must be one of ${LOCALES.join(', ')}`);
  const tooLong = checkTextLength(text, options.maxTextLength);
  if (tooLong) return failed(lineNumber, id, tooLong);

  const result = scan(ruleSet, text, { context: context as ScanContext, locale: locale as Locale, explain: options.explain });
  return { kind: 'scanned', line: lineNumber, text, output: { id: id ?? null, action: result.action, violations: result.violations } };
}

const invalid = (line: number, id: unknown, detail: string): LineOutcome => failed(line, id, new InvalidInputLineError(detail));

function failed(line: number, id: unknown, error: Error & { code: string }): LineOutcome {
  return { kind: 'failed', line, output: { line, ...(id === undefined ? {} : { id }), error: { code: error.code, message: error.message } } };
}

/**
 * The JSON Lines rendering of an outcome (without the newline).
 * @example toJsonLine(outcome) // '{"id":1,"action":"block","violations":[...]}'
 */
export const toJsonLine = (outcome: LineOutcome): string => JSON.stringify(outcome.output);
