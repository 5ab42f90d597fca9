import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { tempDir, TEST_RULES } from '../cli/run-main.js';
import { buildTestApp, ndjsonLines } from '../http/helpers.js';

const ADMIN = 'an-admin-token-for-tests';
let rulesDir: string;
let pooled: KanmonApp;
let inThread: KanmonApp;

beforeAll(async () => {
  rulesDir = await tempDir({ 'test.yaml': TEST_RULES });
  const env = { KANMON_BUILTIN_RULES: 'false', KANMON_RULES_DIRS: rulesDir, KANMON_MAX_TEXT_LENGTH: '100', KANMON_ADMIN_TOKEN: ADMIN };
  [pooled, inThread] = await Promise.all([buildTestApp({ ...env, KANMON_WORKERS: '2' }), buildTestApp({ ...env, KANMON_WORKERS: '0' })]);
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
    expect(pooled.kanmon.batchPool!.pool.ranInCaller).toBe(0);
  });
});
