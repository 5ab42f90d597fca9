/**
 * The service on a real socket (a child process on 127.0.0.1) against thousands of malformed
 * requests, slow and stalled bodies, NDJSON with broken lines, and a check that what it was
 * sent never comes back in a log line, an error body or a metric.
 */
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet, scan, type RuleSet } from '../../src/index.js';
import { spawnServer, type ChildServer } from './harness/child-server.js';
import { ALLOWED_TEXT, describeErrorBody, SECRET_FRAGMENTS, SECRET_TEXT } from './harness/fixtures.js';
import { FUZZ_LIMITS, fuzzServerEnv, runHttpFuzz, type FuzzResult } from './harness/http-fuzz.js';
import { jsonRequest, rawExchange, send } from './harness/http-client.js';

const ADMIN_TOKEN = 'hardening-admin-token-0123456789';
const { maxText: MAX_TEXT, maxLineBytes: MAX_LINE, idleMs: IDLE_MS } = FUZZ_LIMITS;

let server: ChildServer;
let rules: RuleSet;
/** Error bodies seen anywhere in this file, for the leak check at the end. */
const errorBodies: string[] = [];

beforeAll(async () => {
  [server, rules] = await Promise.all([
    spawnServer(fuzzServerEnv(ADMIN_TOKEN)),
    loadRuleSet(),
  ]);
}, 90_000);
afterAll(() => server?.kill());

const scanOnce = (text: string, extra: object = {}) => send(server.url, jsonRequest('/v1/scan', { text, ...extra }));

describe('malformed requests', () => {
  let fuzz: FuzzResult;
  beforeAll(async () => {
    fuzz = await runHttpFuzz(server.url, server.port, { jsonCount: 2000, rawCount: 400 });
    errorBodies.push(...fuzz.errorBodies);
  }, 120_000);

  it('every answer is 4xx with a catalogued JSON error (or a result, when the request happened to be valid): never a 5xx, never silence', () => {
    expect(fuzz.sent).toBe(2400);
    expect(fuzz.problems.slice(0, 10)).toEqual([]);
    expect(Object.keys(fuzz.byStatus).every((s) => s !== 'none' && Number(s) < 500)).toBe(true);
    // The fuzz reaches the interesting answers, not only one kind of 400.
    for (const status of ['200', '400', '404', '413', '415', '431']) expect(fuzz.byStatus[status], JSON.stringify(fuzz.byStatus)).toBeGreaterThan(0);
  });

  it('the service is still up and answers a valid request correctly, unpolluted by __proto__ keys', async () => {
    expect(server.child.exitCode).toBeNull();
    const res = await scanOnce(SECRET_TEXT);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toMatchObject({ action: 'block', rulesVersion: rules.version });
    // `{"__proto__":{"redact":true,"explain":true}}` in the fuzz would show up here as defaults.
    expect(body).not.toHaveProperty('redactedText');
    expect((body.violations as Record<string, unknown>[])[0]).not.toHaveProperty('explanation');
    expect(body.violations).toEqual(scan(rules, SECRET_TEXT).violations);
    expect((await send(server.url, { path: '/healthz' })).status).toBe(200);
  });

  it('logged no fault: no error-level line, no "request failed"', () => {
    const faults = server.logs().filter((l) => Number(l.level) >= 50 || l.msg === 'request failed');
    expect(faults.slice(0, 3)).toEqual([]);
  });
});

describe('slow and stalled bodies', () => {
  const body = JSON.stringify({ id: 'slow', text: SECRET_TEXT });
  const head = `POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;

  it('a whole request the service is slow to answer is not cut by the idle timeout', async () => {
    // The first NDJSON chunk of 32+ lines waits for the worker threads to start (seconds from
    // TypeScript sources): far longer than the idle timeout, with the request fully sent.
    const lines = Array.from({ length: 64 }, (_, i) => JSON.stringify({ id: `w${i}`, text: SECRET_TEXT })).join('\n');
    const res = await send(server.url, { path: '/v1/scan/batch', headers: { 'content-type': 'application/x-ndjson' }, body: lines });
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.split('\n').filter(Boolean)).toHaveLength(64);
  });

  it('a body dribbled in small pieces, each pause shorter than the idle timeout, gets its full answer', async () => {
    const exchanges = await Promise.all(
      [7, 31, 97].map((pieceBytes) => rawExchange(server.port, Buffer.from(head + body), { pieceBytes, delayMs: IDLE_MS / 10, end: false, untilAnswered: true, timeoutMs: 30_000 })),
    );
    for (const exchange of exchanges) {
      expect(exchange.status).toBe(200);
      expect(JSON.parse(exchange.body)).toMatchObject({ id: 'slow', action: 'block', rulesVersion: rules.version });
    }
  });

  it('a body that stops coming is answered 408 with our error and its connection closed', async () => {
    const stalled = await Promise.all(
      [head, head + body.slice(0, 20), 'POST /v1/scan/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"tex\r\n'].map((payload) =>
        rawExchange(server.port, payload, { end: false, timeoutMs: IDLE_MS * 10 }),
      ),
    );
    for (const exchange of stalled) {
      expect(exchange.closed).toBe(true);
      expect(exchange.status).toBe(408);
      expect(describeErrorBody(exchange.body)).toBeNull();
      errorBodies.push(exchange.body);
    }
  });

  it('a connection that never sends a request is closed', async () => {
    const silent = await rawExchange(server.port, '', { end: false, timeoutMs: IDLE_MS * 10 });
    expect(silent).toMatchObject({ closed: true, response: '' });
  });
});

describe('NDJSON batches with broken lines', () => {
  type Line = { kind: 'good'; id: string; text: string } | { kind: 'bad'; raw: string; code: string } | { kind: 'blank'; raw: string };
  const good = fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), text: fc.constantFrom(SECRET_TEXT, ALLOWED_TEXT, 'LINE：kenta88', '090-1234-5678 に電話ください', '\uD800\u0000\u202E') })
    .map(({ id, text }): Line => ({ kind: 'good', id, text }));
  const bad = fc.constantFrom<Line>(
    { kind: 'bad', raw: '{"id":"x","text":', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: 'not json', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: '{"id":"m"}', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: '{"text":["a"]}', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: '{"text":"a","__proto__":{"redact":true}}', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: '[1,2]', code: 'KANMON_INVALID_LINE' },
    { kind: 'bad', raw: JSON.stringify({ text: 'あ'.repeat(MAX_TEXT + 1) }), code: 'KANMON_TEXT_TOO_LONG' },
    { kind: 'bad', raw: JSON.stringify({ text: `${SECRET_TEXT} ${'x'.repeat(MAX_LINE)}` }), code: 'KANMON_LINE_TOO_LONG' },
  );
  const blank = fc.constantFrom<Line>({ kind: 'blank', raw: '' }, { kind: 'blank', raw: '   ' }, { kind: 'blank', raw: '\r' });

  it('every good line gets its result and every bad line its error, in order, however the stream is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: bad }, { weight: 1, arbitrary: blank }), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), async (lines, cuts) => {
        const input = Buffer.from(lines.map((l) => (l.kind === 'good' ? JSON.stringify({ id: l.id, text: l.text }) : l.raw)).join('\n'));
        const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
        const answer = await ndjsonExchange(server.url, [...points, input.length].map((p, i, all) => input.subarray(i === 0 ? 0 : all[i - 1], p)));
        expect(answer.status).toBe(200);
        const out = answer.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
        const expected = lines.map((l, i) => ({ l, line: i + 1 })).filter(({ l }) => l.kind !== 'blank');
        expect(out).toHaveLength(expected.length);
        for (const [k, { l, line }] of expected.entries()) {
          if (l.kind === 'good') expect(out[k]).toEqual({ id: l.id, ...scan(rules, l.text) });
          else {
            expect(out[k]).toMatchObject({ line, error: { code: (l as { code: string }).code } });
            errorBodies.push(JSON.stringify(out[k]));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** The per-item errors of a batch answer (JSON or NDJSON), serialized: error bodies too. */
function itemErrors(body: string): string[] {
  const items = body.startsWith('{"results"') ? (JSON.parse(body) as { results: object[] }).results : body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as object);
  return items.filter((item) => 'error' in item).map((item) => JSON.stringify(item));
}

/** An NDJSON request written chunk by chunk (each its own socket write), read whole. */
function ndjsonExchange(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/scan/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    void (async () => {
      for (const chunk of chunks) {
        if (chunk.length > 0 && !req.write(chunk)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setImmediate(r));
      }
      req.end();
    })();
  });
}

describe('admin routes on the socket', () => {
  it.each([
    ['no token', {}],
    ['a wrong token of the same length', { authorization: `Bearer ${'x'.repeat(ADMIN_TOKEN.length)}` }],
    ['a prefix of the token', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
    ['the token as Basic credentials', { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ['the token in the query string', {}, `?token=${ADMIN_TOKEN}`],
  ] as [string, Record<string, string>, string?][])('POST /v1/rules/reload with %s → 401', async (_name, headers, query = '') => {
    const res = await send(server.url, { method: 'POST', path: `/v1/rules/reload${query}`, headers });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="kanmon"/);
    expect(describeErrorBody(res.body)).toBeNull();
  });

  it('with the token → 200', async () => {
    const res = await send(server.url, { method: 'POST', path: '/v1/rules/reload', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ version: rules.version, changed: false });
  });
});

describe('response headers', () => {
  it('API answers: JSON, not cacheable, not sniffable, not frameable, no referrer, no framework banner', async () => {
    for (const res of [await scanOnce(SECRET_TEXT), await scanOnce(7 as unknown as string), await send(server.url, { path: '/v1/nothing' })]) {
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'self'/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await scanOnce(SECRET_TEXT)).headers['cache-control']).toBe('no-store');
  });

  it('the docs page: a CSP that allows its own scripts only', async () => {
    const page = await send(server.url, { path: '/docs/' });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')* ?;/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('nothing of a scanned text leaves the service except in its own result', () => {
  beforeAll(async () => {
    // Every way in: single (explain, redact), JSON batch, NDJSON, each error a text can meet.
    const requests = [
      jsonRequest('/v1/scan', { id: 'leak-1', text: SECRET_TEXT, explain: true, redact: true, locale: 'en' }),
      jsonRequest('/v1/scan/batch', { items: [{ text: SECRET_TEXT }, { text: SECRET_TEXT, redact: true }, { text: `${SECRET_TEXT}${'x'.repeat(MAX_TEXT)}` }] }),
      { path: '/v1/scan/batch', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify({ text: SECRET_TEXT })}\n{"text":"${SECRET_TEXT}\n${JSON.stringify({ text: SECRET_TEXT.repeat(100) })}\n` },
      jsonRequest('/v1/scan', { text: SECRET_TEXT.repeat(100) }),
      jsonRequest('/v1/scan', { text: SECRET_TEXT, context: SECRET_TEXT }),
      jsonRequest('/v1/scan', { text: SECRET_TEXT, locale: 7 }),
      jsonRequest('/v1/scan', `{"text":"${SECRET_TEXT}"`),
      jsonRequest('/v1/scan', `{"text":"${SECRET_TEXT}","__proto__":{"x":1}}`),
      { path: '/v1/scan', headers: { 'content-type': 'text/plain' }, body: SECRET_TEXT },
      { path: `/v1/scan?text=${encodeURIComponent(SECRET_TEXT)}` },
      { path: `/v1/${encodeURIComponent(SECRET_TEXT)}%E0%A4%A` },
    ];
    for (const request of requests) {
      const res = await send(server.url, request);
      if ((res.status ?? 0) >= 400) errorBodies.push(res.body);
      else errorBodies.push(...itemErrors(res.body));
    }
    await server.waitForLog((l) => l.msg === 'request completed' && l.statusCode === 404 && l.route === 'unmatched');
  });

  it.each(SECRET_FRAGMENTS.map((f) => [f]))('"%s" is in no log line', (fragment) => {
    expect(server.stdout()).not.toContain(fragment);
  });

  it('nor in any error body', () => {
    expect(errorBodies.length).toBeGreaterThan(100);
    const leaking = errorBodies.filter((b) => SECRET_FRAGMENTS.some((f) => b.includes(f)));
    expect(leaking.slice(0, 3)).toEqual([]);
  });

  it('nor in any metric', async () => {
    const metrics = await (await send(server.url, { path: '/metrics' })).body;
    expect(metrics).toContain('kanmon_scans_total{action="block"}');
    for (const fragment of SECRET_FRAGMENTS) expect(metrics).not.toContain(fragment);
    // Labels carry only bounded vocabularies: route patterns, status codes, actions, categories, the version.
    const labelValues = [...metrics.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => `${name}=${value}`);
    for (const label of new Set(labelValues)) expect(label).toMatch(/^(method=[A-Z]+|route=(\/[\w/.-]*|unmatched)|status_code=\d{3}|action=(allow|review|block)|category=\w+|version=[0-9a-f]{64}|result=(success|failure)|le=[\d.e+Inf-]+|quantile=[\d.]+|\w+=.*)$/);
    expect(labelValues.filter((l) => l.startsWith('route=')).every((l) => !l.includes('%') && !l.includes('?'))).toBe(true);
  });
});
