import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { tempDir, TEST_RULES } from '../cli/run-main.js';
import { buildTestApp, logCapture, ndjsonLines } from '../http/helpers.js';

const ADMIN = 'an-admin-token-for-tests';
let rulesDir: string;
let pooled: KanmonApp;
let inThread: KanmonApp;
const pooledLog = logCapture();
const inThreadLog = logCapture();

beforeAll(async () => {
  rulesDir = await tempDir({ 'test.yaml': TEST_RULES });
  const env = { KANMON_BUILTIN_RULES: 'false', KANMON_RULES_DIRS: rulesDir, KANMON_MAX_TEXT_LENGTH: '100', KANMON_NDJSON_MAX_LINE_BYTES: '200', KANMON_ADMIN_TOKEN: ADMIN };
  [pooled, inThread] = await Promise.all([buildTestApp({ ...env, KANMON_WORKERS: '2' }, pooledLog.stream), buildTestApp({ ...env, KANMON_WORKERS: '0' }, inThreadLog.stream)]);
});
afterAll(() => Promise.all([pooled.close(), inThread.close()]));

const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;
const batch = (app: KanmonApp, payload: string, contentType: string) =>
  app.inject({ method: 'POST', url: '/v1/scan/batch', payload, headers: { 'content-type': contentType } });
const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => (i % 50 === 9 ? '[not, json' : JSON.stringify({ id: `m${i}`, text: i % 4 === 0 ? `ID: user_${i}` : i % 61 === 0 ? 'q'.repeat(101) : `hi ${i}` })));

describe('POST /v1/scan/batch on worker threads (KANMON_WORKERS=2)', () => {
  it('answers NDJSON exactly as the request thread does, in order', async () => {
    const body = ndjson(lines(1500));
    const [a, b] = await Promise.all([batch(pooled, body, 'application/x-ndjson'), batch(inThread, body, 'application/x-ndjson')]);
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    expect(ndjsonLines(a.body)).toHaveLength(1500);
  });

  it('answers awkward NDJSON as the request thread does: BOM, CRLF, blank and too-long lines, lines cut across writes', async () => {
    const body = `\uFEFF${lines(900).map((l, i) => (i % 7 === 3 ? `${l}\r` : i % 97 === 5 ? `{"text":"${'z'.repeat(300)}"}` : l)).join('\n\n')}`;
    // Sent in small pieces, so lines and their UTF-8 cross the pieces the service reads.
    const pieces = Buffer.from(body).reduce<number[][]>((acc, byte, i) => (i % 1000 === 0 ? acc.push([byte]) : acc[acc.length - 1]!.push(byte), acc), []);
    const send = (app: KanmonApp) => app.inject({ method: 'POST', url: '/v1/scan/batch', payload: Readable.from(pieces.map((p) => Buffer.from(p))), headers: { 'content-type': 'application/x-ndjson' } });
    const onWorkers = pooled.kanmon.batchPool!.ranOnWorkers;
    const [a, b] = await Promise.all([send(pooled), send(inThread)]);
    expect(a.body).toBe(b.body);
    expect(pooled.kanmon.batchPool!.ranOnWorkers).toBeGreaterThan(onWorkers);
    const codes = ndjsonLines(a.body).map((r) => (r.error as { code?: string } | undefined)?.code ?? r.action);
    expect(codes).toHaveLength(900);
    expect(new Set(codes)).toEqual(new Set(['block', 'allow', 'KANMON_INVALID_LINE', 'KANMON_LINE_TOO_LONG', 'KANMON_TEXT_TOO_LONG']));
  });

  it('records the same metrics and request log line as the request thread', async () => {
    const scanned = async (app: KanmonApp) => {
      const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      return [...text.matchAll(/^kanmon_(scans|violations)_total\{(\w+)="(\w+)"\} (\d+)/gm)].map((m) => [`${m[1]}.${m[3]}`, Number(m[4])] as const);
    };
    const counts = async (app: KanmonApp, run: () => Promise<unknown>) => {
      const before = new Map(await scanned(app));
      await run();
      return (await scanned(app)).map(([key, n]) => [key, n - (before.get(key) ?? 0)]);
    };
    const body = ndjson(lines(700));
    const [a, b] = await Promise.all([
      counts(pooled, () => batch(pooled, body, 'application/x-ndjson')),
      counts(inThread, () => batch(inThread, body, 'application/x-ndjson')),
    ]);
    expect(a).toEqual(b);
    expect(a.find(([key]) => key === 'scans.block')![1]).toBeGreaterThan(100);
    const lastBatchLine = (log: typeof pooledLog) => {
      const { reqId: _id, durationMs: _ms, time: _time, ...line } = log.lines().filter((l) => l.route === '/v1/scan/batch').at(-1)!;
      return line;
    };
    expect(lastBatchLine(pooledLog)).toEqual(lastBatchLine(inThreadLog));
    expect(lastBatchLine(pooledLog)).toMatchObject({ items: 700, categories: ['line'] });
  });

  it('answers a large JSON batch exactly as the request thread does', async () => {
    const items = lines(600).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const body = JSON.stringify({ items });
    const [a, b] = await Promise.all([batch(pooled, body, 'application/json'), batch(inThread, body, 'application/json')]);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
  });

  it('counts pooled items in the metrics', async () => {
    const metrics = (await pooled.inject({ method: 'GET', url: '/metrics' })).body;
    const scanned = [...metrics.matchAll(/^kanmon_scans_total\{action="(\w+)"\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[2]), 0);
    expect(scanned).toBeGreaterThan(1500);
  });

  it('uses reloaded rules on the workers', async () => {
    await writeFile(path.join(rulesDir, 'test.yaml'), TEST_RULES.replace('(?<=id:\\s?)', '(?<=user:\\s?)'));
    const reload = await pooled.inject({ method: 'POST', url: '/v1/rules/reload', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(reload.statusCode).toBe(200);
    const body = ndjson(Array.from({ length: 200 }, (_, i) => JSON.stringify({ text: i % 2 ? 'ID: kenta_88' : 'user: kenta_88' })));
    const res = await batch(pooled, body, 'application/x-ndjson');
    const actions = ndjsonLines(res.body).map((r) => r.action);
    expect(actions).toEqual(Array.from({ length: 200 }, (_, i) => (i % 2 ? 'allow' : 'block')));
    expect(new Set(ndjsonLines(res.body).map((r) => r.rulesVersion))).toEqual(new Set([pooled.kanmon.currentRules().version]));
    // Answered by the workers themselves, not by the request thread standing in for them.
    expect(pooled.kanmon.batchPool!.ranInCaller).toBe(0);
  });
});
