/**
 * Reads one YAML rule file into plain data and validates it against the rule schema,
 * reporting every problem with the file, line and column it comes from.
 */
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { Compile } from 'typebox/compile';
import { Pointer, Value } from 'typebox/value';
import type { RuleIssue } from '../errors.js';
import { formatPath } from './rule-path.js';
import { LIMITS, RuleFileSchema, type RuleFile } from './schema.js';

export interface ParsedRuleFile {
  file: string;
  data: RuleFile;
  /** Finds the line/column of a value by its path (e.g. ['rules', 3, 'patterns', 0]). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

/** A parse that failed carries its issues instead of data. */
export type ReadResult = { ok: true; parsed: ParsedRuleFile } | { ok: false; issues: RuleIssue[] };

/**
 * Parses and schema-validates one rule file's source.
 * @example readRuleFile('rules/line.yaml', 'rules:\n  - id: line.id\n ...')
 */
export function readRuleFile(file: string, source: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const issues: RuleIssue[] = doc.errors.map((e) => ({
    file,
    line: e.linePos?.[0]?.line ?? 1,
    column: e.linePos?.[0]?.col ?? 1,
    path: '',
    message: `YAML syntax error: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  if (issues.length > 0) return { ok: false, issues };

  let data: unknown;
  try {
    // The yaml library refuses documents whose aliases expand too much (a "billion laughs"
    // file); say so with the file instead of failing the whole load with a bare exception.
    data = doc.toJS() ?? {};
  } catch (error) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: '', message: `YAML cannot be read: ${(error as Error).message}; use fewer aliases (&anchor/*alias)` }] };
  }
  const locate = (path: readonly (string | number)[]) => locateIn(doc, lineCounter, path);
  for (const error of schemaErrors(data)) {
    const where = error.unknownKey ? locateKeyIn(doc, lineCounter, error.path) : locate(error.path);
    issues.push({ file, ...where, path: formatPath(error.path), message: error.message, ...ruleIdAt(data, error.path) });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, parsed: { file, data: data as RuleFile, locate } };
}

interface SchemaError {
  path: (string | number)[];
  message: string;
  /** The error is about the key itself, so point at the key rather than its value. */
  unknownKey?: boolean;
}

/**
 * The rule file schema compiled once. Every start loads the built-in pack in each thread, and
 * valid files are the rule: asking TypeBox for the errors of a valid file walked every rule
 * of the pack (~80 ms of a ~450 ms `kanmon scan` start, CPU profile) where the compiled check
 * answers in ~2 ms (~7 ms to compile).
 */
const ruleFileCheck = Compile(RuleFileSchema);

/** TypeBox errors, reworded for rule authors; duplicates and noise from unions dropped. */
function schemaErrors(data: unknown): SchemaError[] {
  if (ruleFileCheck.Check(data)) return [];
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  const errors = Value.Errors(RuleFileSchema, data);
  // A failed union reports every branch's complaint too; keep only the union's own line.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && unions.some((u) => error.instancePath === u || error.instancePath.startsWith(`${u}/`))) continue;
    const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    let message: string;
    let unknownKey = false;
    if (error.keyword === 'boolean' && error.message === 'schema is false') {
      message = `unknown key "${String(path[path.length - 1])}"; check the spelling against docs/rules.md`;
      unknownKey = true;
    } else if (error.keyword === 'additionalProperties') {
      continue; // reported per key by the 'boolean' error above
    } else if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      message = `missing required key${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`;
    } else if (error.keyword === 'anyOf' && path.includes('examples')) {
      message = exampleMessage(Pointer.Get(data, error.instancePath));
    } else if (error.keyword === 'anyOf' || error.keyword === 'const') {
      message = `must be one of the allowed values (${describeAllowed(path)})`;
    } else {
      message = error.message;
    }
    const key = `${error.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message, unknownKey });
  }
  // A union failing reports both 'const' per branch and 'anyOf'; keep one line per path.
  return out.filter((e, i) => !(e.message.startsWith('must be one of') && out.findIndex((o) => formatPath(o.path) === formatPath(e.path)) !== i));
}

/**
 * Why an example fails its union: the union's own error hides the branch, so a text over the
 * length bound is named here rather than reported as the wrong shape.
 */
function exampleMessage(value: unknown): string {
  const text = typeof value === 'string' ? value : value !== null && typeof value === 'object' ? (value as { text?: unknown }).text : undefined;
  if (typeof text === 'string' && text.length > LIMITS.exampleLength) {
    return `an example is at most ${LIMITS.exampleLength} characters long; this one has ${text.length}`;
  }
  return 'an example is a string or { text, context?, severity? }';
}

function describeAllowed(path: (string | number)[]): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  switch (last) {
    case 'category':
      return 'line, qr_code, email, phone, sns, video_call, external_link, solicitation, payment';
    case 'severity':
    case 'block':
    case 'review':
      return 'low, medium, high';
    case 'status':
      return 'stable, experimental, deprecated';
    case 'scope':
      return 'window, sentence, text';
    default:
      return typeof last === 'string' && /^(message|profile|attachment)$/.test(last) ? 'low, medium, high' : 'message, profile, attachment';
  }
}

function ruleIdAt(data: unknown, path: readonly (string | number)[]): { ruleId?: string } {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return {};
  const rule = (data as { rules?: { id?: unknown }[] }).rules?.[path[1]];
  return typeof rule?.id === 'string' ? { ruleId: rule.id } : {};
}

/** Position of a mapping key (for "unknown key" errors), else of the value. */
function locateKeyIn(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): { line: number; column: number } {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
    if (pair && isScalar(pair.key) && pair.key.range) {
      const pos = lineCounter.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return locateIn(doc, lineCounter, path);
}

/** Position of the deepest existing node on the path (a missing key points at its parent). */
function locateIn(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}
