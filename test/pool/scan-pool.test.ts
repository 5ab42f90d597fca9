import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCliLines, CLI_BLOCKS } from '../../src/pool/cli-task.js';
import { JSON_ITEMS, NDJSON_BLOCKS } from '../../src/pool/batch-task.js';
import { mapInOrder } from '../../src/pool/ordered.js';
import { ScanPool } from '../../src/pool/scan-pool.js';
import { loadRuleSet, type LoadOptions } from '../../src/rules/load.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

// A one-rule pack, fast to load in each worker; `WORD` is what the rule flags.
const rulesWith = (word: string) => `rules:
  - id: test.word
    category: line
    severity: high
    description: The test word.
    message: { ja: だめ, en: no }
    keywords: [${word}]
    examples:
      match: ['${word} please']
      noMatch: ['hello']
`;

let dir: string;
let options: LoadOptions;
let pool: ScanPool;
const cli = { options: { context: 'message', locale: 'en', explain: false, maxTextLength: 50, maxLineBytes: 200 }, pretty: false, color: false } as const;
const limits = { maxTextLength: 50, maxLineBytes: 200 };
const line = (n: number, text: string) => ({ line: n, text: JSON.stringify({ id: `m${n}`, text }) });
/** Consecutive lines as the block of input bytes `kanmon scan` hands the pool. */
const blockOf = (lines: readonly { line: number; text: string }[]) => ({ bytes: Buffer.from(lines.map((l) => `${l.text}\n`).join('')), firstLine: lines[0]!.line, lines: lines.length });
/** What the pool wrote for a block of lines. */
const scanOnPool = async (rules: RuleSet, lines: readonly { line: number; text: string }[]) => Buffer.from(await pool.run(CLI_BLOCKS, rules, { block: blockOf(lines), ...cli })).toString('utf8');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kanmon-pool-'));
  await writeFile(path.join(dir, 'test.yaml'), rulesWith('alpha'));
  options = { ruleDirs: [dir], builtinRules: false };
  pool = new ScanPool({ threads: 2, eager: true });
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ScanPool', () => {
  it('answers as the calling thread would, chunks kept in input order', async () => {
    const ruleSet = await loadRuleSet(options);
    const chunks = Array.from({ length: 12 }, (_, c) => Array.from({ length: 20 }, (_, i) => line(c * 20 + i + 1, i % 3 === 0 ? `alpha ${c}-${i}` : `beta ${c}-${i}`)));
    async function* source() {
      yield* chunks;
    }
    let out = '';
    for await (const text of mapInOrder(source(), (lines) => scanOnPool(ruleSet, lines), 4)) out += text;
    const expected = chunks.map((lines) => answerCliLines(ruleSet, { lines, ...cli })).join('');
    expect(out).toBe(expected);
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual(chunks.flat().map((l) => JSON.parse(l.text).id));
    expect(pool.ranInCaller).toBe(0);
  });

  it('answers each bad line of an NDJSON block in its place and goes on, outcomes summed', async () => {
    const ruleSet = await loadRuleSet(options);
    const input = [line(1, 'alpha').text, '{"text": ', '', line(4, 'x'.repeat(51)).text, '{"id":"q"}', `${line(6, 'gamma').text}\r`];
    const block = { bytes: Buffer.from(`${input.join('\n')}\n`), firstLine: 1, lines: input.length };
    const answer = await pool.run(NDJSON_BLOCKS, ruleSet, { block, limits });
    const results = Buffer.from(answer.bytes).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(results.map((r) => r.error?.code ?? r.action)).toEqual(['block', 'KANMON_INVALID_LINE', 'KANMON_TEXT_TOO_LONG', 'KANMON_INVALID_LINE', 'allow']);
    expect(results.map((r) => r.line)).toEqual([undefined, 2, 4, 5, undefined]);
    expect(answer.summary).toEqual({ items: 5, itemErrors: 3, actions: { allow: 1, review: 0, block: 1 }, violations: { line: 1 } });
    expect(answer.failures).toEqual([]);
    expect(pool.ranInCaller).toBe(0);
  });

  it('answers JSON items at their batch index', async () => {
    const ruleSet = await loadRuleSet(options);
    const answer = await pool.run(JSON_ITEMS, ruleSet, { items: [{ text: 'alpha' }, { id: 'long', text: 'y'.repeat(60) }], firstIndex: 40, limits });
    expect(answer.results[0]).toMatchObject({ action: 'block', rulesVersion: ruleSet.version });
    expect(answer.results[1]).toMatchObject({ index: 41, id: 'long', error: { code: 'KANMON_TEXT_TOO_LONG' } });
    expect(answer.summary).toEqual({ items: 2, itemErrors: 1, actions: { allow: 0, review: 0, block: 1 }, violations: { line: 1 } });
  });

  it('switches workers to new rules by version, and finishes old batches on their own rules', async () => {
    const reloadDir = await mkdtemp(path.join(tmpdir(), 'kanmon-pool-reload-'));
    try {
      const reloadOptions: LoadOptions = { ruleDirs: [reloadDir], builtinRules: false };
      await writeFile(path.join(reloadDir, 'test.yaml'), rulesWith('alpha'));
      const before = await loadRuleSet(reloadOptions);
      const lines = [line(1, 'alpha'), line(2, 'omega')];
      const actions = async (ruleSet: typeof before) =>
        (await Promise.all([1, 2, 3, 4].map(() => scanOnPool(ruleSet, lines))))
          .flatMap((text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l).action));
      expect(await actions(before)).toEqual(Array(4).fill(['block', 'allow']).flat());

      await writeFile(path.join(reloadDir, 'test.yaml'), rulesWith('omega'));
      const after = await loadRuleSet(reloadOptions);
      expect(after.version).not.toBe(before.version);
      expect(await actions(after)).toEqual(Array(4).fill(['allow', 'block']).flat());
      // A batch that read the old rules still gets their answers.
      expect(await actions(before)).toEqual(Array(4).fill(['block', 'allow']).flat());
      expect(pool.ranInCaller).toBe(0);
    } finally {
      await rm(reloadDir, { recursive: true, force: true });
    }
  });

  it('answers with the built-in rules on a worker, phone numbers included', { timeout: 60_000 }, async () => {
    // A worker running from the sources once failed to compile the phone rules (its
    // libphonenumber-js was the CommonJS build), and every task fell back to the caller.
    const builtin = await loadRuleSet();
    const lines = [line(1, '電話は090-1234-5678です'), line(2, 'LINE ID: kenta88')];
    const [inCaller, onWorkers] = [pool.ranInCaller, pool.ranOnWorkers];
    const text = Buffer.from(await pool.run(CLI_BLOCKS, builtin, { block: blockOf(lines), ...cli })).toString('utf8');
    expect(text).toBe(answerCliLines(builtin, { lines, ...cli }));
    expect(text).toContain('"category":"phone"');
    expect([pool.ranInCaller, pool.ranOnWorkers]).toEqual([inCaller, onWorkers + 1]);
  });

  it('runs what its bounded queue cannot hold in the calling thread, with the same answers', async () => {
    const ruleSet = await loadRuleSet(options);
    const bounded = new ScanPool({ threads: 1, maxQueue: 1 });
    try {
      const lines = [line(1, 'alpha'), line(2, 'beta')];
      // Six at once: one runs, one waits, the other four do not queue.
      const texts = await Promise.all(Array.from({ length: 6 }, () => bounded.run(CLI_BLOCKS, ruleSet, { block: blockOf(lines), ...cli })));
      const expected = answerCliLines(ruleSet, { lines, ...cli });
      for (const text of texts) expect(Buffer.from(text).toString('utf8')).toBe(expected);
      expect(bounded.ranInCaller).toBeGreaterThanOrEqual(4);
      expect(bounded.ranInCaller).toBeLessThan(6);
    } finally {
      await bounded.close();
    }
  });

  it("answers on a worker with the caller's rules after the files changed on disk", async () => {
    const staleDir = await mkdtemp(path.join(tmpdir(), 'kanmon-pool-stale-'));
    try {
      const staleOptions: LoadOptions = { ruleDirs: [staleDir], builtinRules: false };
      await writeFile(path.join(staleDir, 'test.yaml'), rulesWith('delta'));
      const caller = await loadRuleSet(staleOptions);
      // The files change before any worker saw them: a worker reading them would get other rules.
      await writeFile(path.join(staleDir, 'test.yaml'), rulesWith('epsilon'));
      const [inCaller, onWorkers] = [pool.ranInCaller, pool.ranOnWorkers];
      const text = await scanOnPool(caller, [line(1, 'delta'), line(2, 'epsilon')]);
      expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l).action)).toEqual(['block', 'allow']);
      expect([pool.ranInCaller, pool.ranOnWorkers]).toEqual([inCaller, onWorkers + 1]);
    } finally {
      await rm(staleDir, { recursive: true, force: true });
    }
  });

  it('replaces rules a thread preloaded from disk when the caller loaded other ones', async () => {
    const preloadDir = await mkdtemp(path.join(tmpdir(), 'kanmon-pool-preload-'));
    const preloadOptions: LoadOptions = { ruleDirs: [preloadDir], builtinRules: false };
    await writeFile(path.join(preloadDir, 'test.yaml'), rulesWith('zeta'));
    const preloading = new ScanPool({ threads: 1, eager: true, preload: { kind: CLI_BLOCKS, options: preloadOptions } });
    try {
      const atStart = await loadRuleSet(preloadOptions);
      const lines = [line(1, 'zeta'), line(2, 'eta')];
      expect(actionsOf(await preloading.run(CLI_BLOCKS, atStart, { block: blockOf(lines), ...cli }))).toEqual(['block', 'allow']);
      await writeFile(path.join(preloadDir, 'test.yaml'), rulesWith('eta'));
      const changed = await loadRuleSet(preloadOptions);
      expect(actionsOf(await preloading.run(CLI_BLOCKS, changed, { block: blockOf(lines), ...cli }))).toEqual(['allow', 'block']);
      expect([preloading.ranInCaller, preloading.ranOnWorkers]).toEqual([0, 2]);
    } finally {
      await preloading.close();
      await rm(preloadDir, { recursive: true, force: true });
    }
  });

  it('runs a task in the calling thread when the rule set has no files to send', async () => {
    const loaded = await loadRuleSet(options);
    // A rule set put together by hand (a library user's) has no files a worker could compile.
    const handMade: RuleSet = { ...loaded };
    const before = pool.ranInCaller;
    expect(actionsOf(await pool.run(CLI_BLOCKS, handMade, { block: blockOf([line(1, 'alpha')]), ...cli }))).toEqual(['block']);
    expect(pool.ranInCaller).toBe(before + 1);
  });
});

function actionsOf(answer: Uint8Array): string[] {
  return Buffer.from(answer).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).action);
}
