import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { BLOCKED_TEXT, buildTestApp, logCapture } from './helpers.js';

describe('API keys (KANMON_API_KEYS set)', () => {
  let app: KanmonApp;
  beforeAll(async () => {
    app = await buildTestApp({ KANMON_API_KEYS: 'key-one,key-two' });
  });
  afterAll(() => app.close());

  it.each([
    ['POST', '/v1/scan'],
    ['POST', '/v1/scan/batch'],
    ['GET', '/v1/rules'],
  ] as const)('%s %s needs a key', async (method, url) => {
    const missing = await app.inject({ method, url, payload: method === 'POST' ? { text: 'a' } : undefined });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="kanmon"');
    expect(missing.json().error).toEqual({ code: 'KANMON_UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer') });
    const wrong = await app.inject({ method, url, headers: { authorization: 'Bearer key-three' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('invalid_token');
  });

  it('accepts any configured key', async () => {
    for (const key of ['key-one', 'key-two']) {
      const res = await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: BLOCKED_TEXT }, headers: { authorization: `Bearer ${key}` } });
      expect(res.statusCode).toBe(200);
    }
  });

  it.each(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'])('%s needs no key', async (url) => {
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });
});

describe('probes, metrics and draining', () => {
  let app: KanmonApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('GET /healthz and /readyz answer while serving', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', rulesVersion: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('GET /metrics counts requests per route, scans by action and violations by category, never text', async () => {
    await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: BLOCKED_TEXT } });
    await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'mail: taro.yamada@example.org' } });
    await app.inject({ method: 'GET', url: '/no/such/route' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/kanmon_http_requests_total\{method="POST",route="\/v1\/scan",status_code="200"\} 2/);
    expect(text).toMatch(/kanmon_http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1/);
    expect(text).toMatch(/kanmon_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/v1\/scan",status_code="200"\}/);
    expect(text).toMatch(/kanmon_scans_total\{action="block"\} [1-9]/);
    expect(text).toMatch(/kanmon_violations_total\{category="line"\} [1-9]/);
    expect(text).toMatch(/kanmon_violations_total\{category="payment"\} 0/);
    expect(text).toMatch(/kanmon_rules_info\{version="[0-9a-f]{64}"\} 1/);
    expect(text).toMatch(/kanmon_rules_last_reload_success 1/);
    expect(text).toMatch(/kanmon_rules_last_reload_timestamp_seconds \d+/);
    expect(text).not.toContain('kenta');
    expect(text).not.toContain('yamada');
    expect(text).not.toContain('no/such');
  });

  it('answers 404 KANMON_NOT_FOUND for unknown routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/v2/scan?text=secret' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'KANMON_NOT_FOUND', message: 'No route for GET /v2/scan; see /docs for the API.' } });
  });

  it('serves Swagger UI at /docs with a CSP that allows its own scripts', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const script = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
  });

  it('once draining, fails readiness and refuses new work with 503 KANMON_SHUTTING_DOWN', async () => {
    app.kanmon.beginShutdown();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error.code).toBe('KANMON_SHUTTING_DOWN');
    const scan = await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'a' } });
    expect(scan.statusCode).toBe(503);
    expect(scan.headers.connection).toBe('close');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('overload (@fastify/under-pressure)', () => {
  let app: KanmonApp;
  beforeAll(async () => {
    // A 1 KiB heap limit is always exceeded: every request after the first sample is shed.
    app = await buildTestApp({ KANMON_MAX_HEAP_USED_BYTES: '1024', KANMON_PRESSURE_SAMPLE_INTERVAL_MS: '10', KANMON_RETRY_AFTER_SECONDS: '7' });
  });
  afterAll(() => app.close());

  it('answers 503 KANMON_OVERLOADED with Retry-After instead of queueing, but keeps liveness and metrics up', async () => {
    let res = await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'a' } });
    for (let i = 0; i < 500 && res.statusCode !== 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      res = await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'a' } });
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json().error).toEqual({ code: 'KANMON_OVERLOADED', message: expect.stringContaining('Retry-After') });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
  });
});

describe('unexpected faults', () => {
  it('answer 500 KANMON_INTERNAL without the fault\'s message, and log it', async () => {
    const logs = logCapture();
    const app = await buildTestApp({}, logs.stream);
    try {
      app.get('/test-only/boom', async () => {
        throw new Error('internal detail');
      });
      const res = await app.inject({ method: 'GET', url: '/test-only/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'KANMON_INTERNAL', message: expect.stringContaining('request id') } });
      expect(res.body).not.toContain('internal detail');
      const logged = logs.lines().find((l) => l.msg === 'request failed');
      expect(logged).toMatchObject({ reqId: res.headers['x-request-id'], err: { message: 'internal detail' } });
    } finally {
      await app.close();
    }
  });
});
