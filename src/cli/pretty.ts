/**
 * The human-readable report of `kanmon scan --pretty`: per text its id and action, the
 * text with every match marked (【…】, or colour on a terminal) and one line per violation.
 */
import type { Action, Violation } from '../types.js';
import type { LineOutcome } from './scan-line.js';

export interface PrettyOptions {
  /** ANSI colour instead of 【】 brackets (see `useColor`). */
  readonly color: boolean;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', mark: '\x1b[1;4;31m' } as const;
const ACTION_COLOR: Record<Action, string> = { block: ANSI.red, review: ANSI.yellow, allow: ANSI.green };

/**
 * Renders one outcome as a block of lines ending in a blank line.
 * @example formatPretty(outcome, { color: false })
 * // 'line 1  id "a1"  BLOCK\n  ID：【kenta88】\n  - line.id (line, high) "kenta88": …\n\n'
 */
export function formatPretty(outcome: LineOutcome, options: PrettyOptions): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  if (outcome.kind === 'failed') {
    const { line, id, error } = outcome.output;
    return `${paint(ANSI.dim, `line ${line}`)}${id === undefined ? '' : `  id ${JSON.stringify(id)}`}  ${paint(ANSI.red, `ERROR ${error.code}`)}\n  ${error.message}\n\n`;
  }
  const { id, action, violations } = outcome.output;
  const head = `${paint(ANSI.dim, `line ${outcome.line}`)}  id ${JSON.stringify(id)}  ${paint(ACTION_COLOR[action] + ANSI.bold, action.toUpperCase())}`;
  const body = indent(markMatches(outcome.text, violations, options.color));
  const findings = violations.map((v) => `  - ${v.ruleId} (${v.category}, ${v.severity}) ${JSON.stringify(v.match)}: ${v.message}\n`).join('');
  return `${head}\n${body}\n${findings}\n`;
}

/**
 * The text with each violation's span wrapped; spans that overlap an earlier one are
 * merged into it so the marks never nest.
 * @example markMatches('ID: kenta88', [{ start: 4, end: 11 }], false) // 'ID: 【kenta88】'
 */
export function markMatches(text: string, spans: readonly Pick<Violation, 'start' | 'end'>[], color: boolean): string {
  const [open, close] = color ? [ANSI.mark, ANSI.reset] : ['【', '】'];
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += visible(text.slice(at, from)) + open + visible(text.slice(from, end)) + close;
    at = end;
  }
  return out + visible(text.slice(at));
}

/** Control characters shown as escapes: a scanned text must not drive the terminal. */
const visible = (s: string): string =>
  s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const indent = (text: string): string => text.replace(/\r\n|\r|\n/g, '\n').split('\n').map((l) => `  ${l}`).join('\n');
