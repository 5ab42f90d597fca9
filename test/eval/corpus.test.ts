import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCorpusItem, CorpusLineError, readCorpus, readResults } from '../../src/eval/corpus.js';

const valid = { id: 'd1', context: 'message', text: 't', expect: 'block', categories: ['line', 'email|solicitation'] };

describe('checkCorpusItem', () => {
  it('accepts a well-formed item', () => {
    expect(checkCorpusItem(valid)).toEqual({ item: valid });
  });

  it.each([
    ['an array', [], 'not a JSON object'],
    ['no id', { ...valid, id: undefined }, '"id" must be a string or a number'],
    ['no text', { ...valid, text: 3 }, '"text" must be a string'],
    ['an unknown expect', { ...valid, expect: 'deny' }, '"expect" must be one of allow, review, block'],
    ['an unknown context', { ...valid, context: 'chat' }, '"context" must be one of message, profile, attachment'],
    ['categories not a list', { ...valid, categories: 'line' }, '"categories" must be an array of strings'],
    ['an unknown alternative', { ...valid, categories: ['line|fax'] }, 'unknown category "fax" in "line|fax"'],
  ])('rejects %s', (_, value, problem) => {
    const checked = checkCorpusItem(value);
    expect('problem' in checked && checked.problem).toContain(problem);
  });
});

describe('reading files', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  const file = async (content: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kanmon-corpus-'));
    made.push(dir);
    const p = path.join(dir, 'c.jsonl');
    await writeFile(p, content);
    return p;
  };
  const collect = async (p: string) => {
    const ids = [];
    for await (const item of readCorpus(p)) ids.push(item.id);
    return ids;
  };

  it('skips blank lines and a byte-order mark', async () => {
    const p = await file(`\uFEFF${JSON.stringify(valid)}\n\n  \n${JSON.stringify({ ...valid, id: 2 })}\n`);
    expect(await collect(p)).toEqual(['d1', 2]);
  });

  it.each([
    ['invalid JSON', `${JSON.stringify(valid)}\n\n{oops\n`, ':3: not valid JSON'],
    ['a duplicate id', `${JSON.stringify(valid)}\n${JSON.stringify(valid)}\n`, ':2: duplicate id "d1"; ids must be unique'],
    ['a bad label', `${JSON.stringify({ ...valid, expect: 'no' })}\n`, ':1: "expect" must be one of'],
  ])('names the file and line of %s', async (_, content, message) => {
    const p = await file(content);
    const error = await collect(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusLineError);
    expect((error as Error).message).toContain(`${p}${message}`);
  });

  it('keys results by String(id), a later line winning', async () => {
    const p = await file('{"id":7,"action":"allow"}\n{"id":"7","action":"block"}\n{"action":"review"}\n');
    const results = await readResults(p);
    expect([...results.entries()]).toEqual([
      ['7', { id: '7', action: 'block' }],
      ['undefined', { action: 'review' }],
    ]);
  });
});
