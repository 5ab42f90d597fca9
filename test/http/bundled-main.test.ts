/**
 * The container entry point, `node dist/bundle/http-main.js` (scripts/bundle.mjs): the bundled
 * service must find its rules and its bundled worker module, and answer as the sources do.
 * Skipped without a build (`npm run build`; `npm ci` runs it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../hardening/harness/child-server.js';

const ENTRY = fileURLToPath(new URL('../../dist/bundle/http-main.js', import.meta.url));

describe.skipIf(!existsSync(ENTRY))('node dist/bundle/http-main.js', () => {
  let server: ChildServer;
  beforeAll(async () => {
    server = await spawnServer({ KANMON_WORKERS: '1' }, [], [ENTRY]);
  }, 30_000);
  afterAll(() => server?.kill());

  it('scans one text with the built-in rules', async () => {
    const res = await fetch(`${server.url}/v1/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'LINE：kenta88' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ action: 'block', violations: [{ ruleId: 'line.id' }] });
  });

  it('scans an NDJSON batch on its worker thread, answers in input order', async () => {
    // 64 lines arrive as one chunk of at least 32: a pool task.
    const lines = Array.from({ length: 64 }, (_, i) => JSON.stringify({ id: `m${i}`, text: i % 2 === 0 ? `LINE：kenta${i}` : 'よろしくお願いします' }));
    const res = await fetch(`${server.url}/v1/scan/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
    expect(res.status).toBe(200);
    const results = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; action: string });
    expect(results.map((r) => r.id)).toEqual(lines.map((_, i) => `m${i}`));
    expect(results.map((r) => r.action)).toEqual(lines.map((_, i) => (i % 2 === 0 ? 'block' : 'allow')));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    // The chunk ran on the bundled worker module, not in the request thread as a fallback.
    expect(metrics).toMatch(/^kanmon_pool_tasks_total\{ran="worker"\} [1-9]/m);
    expect(metrics).toMatch(/^kanmon_pool_tasks_total\{ran="request_thread"\} 0$/m);
  }, 30_000);
});
