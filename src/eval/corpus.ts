/**
 * Reading a labelled corpus (one JSON object per line: id, context, text, expect,
 * categories) and the scan results to score against it. Every line is checked, so a typo
 * in a label fails loudly with its line number instead of skewing a score.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ACTIONS, CATEGORIES, SCAN_CONTEXTS, type Action, type ScanContext } from '../types.js';
import type { ScoredResult } from './score.js';

export interface CorpusItem {
  id: string | number;
  context?: ScanContext;
  text: string;
  expect: Action;
  /** Expected categories; `"a|b"` means either one is a correct report. */
  categories: string[];
  note?: string;
}

/** A corpus or results line that cannot be used, with where it is. */
export class CorpusLineError extends Error {
  override readonly name = 'CorpusLineError';
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

/**
 * Checks one parsed corpus line and returns it typed, or a reason it is unusable.
 * @example checkCorpusItem({ id: 'd1', text: '…', expect: 'allow', categories: [] }) // { item }
 */
export function checkCorpusItem(value: unknown): { item: CorpusItem } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' && typeof v.id !== 'number') return { problem: '"id" must be a string or a number' };
  if (typeof v.text !== 'string') return { problem: '"text" must be a string' };
  if (!ACTIONS.includes(v.expect as Action)) return { problem: `"expect" must be one of ${ACTIONS.join(', ')}` };
  if (v.context !== undefined && !SCAN_CONTEXTS.includes(v.context as ScanContext)) return { problem: `"context" must be one of ${SCAN_CONTEXTS.join(', ')}` };
  if (!Array.isArray(v.categories) || !v.categories.every((c) => typeof c === 'string')) return { problem: '"categories" must be an array of strings' };
  for (const entry of v.categories as string[]) {
    const unknown = entry.split('|').find((c) => !(CATEGORIES as readonly string[]).includes(c));
    if (unknown !== undefined) return { problem: `unknown category "${unknown}" in "${entry}"; categories are ${CATEGORIES.join(', ')}` };
  }
  return { item: v as unknown as CorpusItem };
}

/**
 * Yields the items of a corpus file in order; blank lines are skipped, ids must be unique.
 * @throws CorpusLineError for the first unusable line.
 * @example for await (const item of readCorpus('dev.jsonl')) console.log(item.id)
 */
export async function* readCorpus(file: string): AsyncGenerator<CorpusItem> {
  const seen = new Set<string>();
  for await (const { line, value } of readJsonLines(file)) {
    const checked = checkCorpusItem(value);
    if ('problem' in checked) throw new CorpusLineError(file, line, checked.problem);
    // Results are matched to items by id, so a repeated id would score one result twice.
    const key = String(checked.item.id);
    if (seen.has(key)) throw new CorpusLineError(file, line, `duplicate id ${JSON.stringify(checked.item.id)}; ids must be unique`);
    seen.add(key);
    yield checked.item;
  }
}

/**
 * Reads scan results (e.g. `kanmon scan` output) keyed by `String(id)`, a later line
 * replacing an earlier one with the same id, as shared/corpus/score.mjs does.
 * @example const results = await readResults('results.jsonl'); results.get('d0001')?.action
 */
export async function readResults(file: string): Promise<Map<string, ScoredResult>> {
  const results = new Map<string, ScoredResult>();
  for await (const { line, value } of readJsonLines(file)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorpusLineError(file, line, 'not a JSON object');
    results.set(String((value as { id?: unknown }).id), value as ScoredResult);
  }
  return results;
}

async function* readJsonLines(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch {
      throw new CorpusLineError(file, line, 'not valid JSON');
    }
    yield { line, value };
  }
}
