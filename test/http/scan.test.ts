import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { ALLOWED_TEXT, BLOCKED_TEXT, buildTestApp } from './helpers.js';

let app: KanmonApp;
beforeAll(async () => {
  app = await buildTestApp({ KANMON_MAX_TEXT_LENGTH: '200', KANMON_BODY_LIMIT: '2kb' });
});
afterAll(() => app.close());

const scan = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/scan', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });

describe('POST /v1/scan', () => {
  it('blocks a LINE id and reports the violation at original offsets', async () => {
    const res = await scan({ id: 'm1', text: BLOCKED_TEXT, context: 'message', locale: 'en' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: 'm1', action: 'block', rulesVersion: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(body.violations.length).toBeGreaterThan(0);
    for (const v of body.violations) {
      expect(BLOCKED_TEXT.slice(v.start, v.end)).toBe(v.match);
      expect(v.category).toBe('line');
      expect(v.explanation).toBeUndefined();
    }
    expect(body.redactedText).toBeUndefined();
  });

  it('allows an ordinary message and omits id when none was sent', async () => {
    const res = await scan({ text: ALLOWED_TEXT });
    expect(res.json()).toEqual({ action: 'allow', violations: [], rulesVersion: expect.any(String) });
  });

  it('explains and redacts on request', async () => {
    const body = (await scan({ text: BLOCKED_TEXT, explain: true, redact: true })).json();
    expect(body.violations[0].explanation).toMatchObject({ description: expect.any(String), detector: expect.any(String), adjustments: expect.any(Array) });
    expect(body.redactedText).toContain('＊');
    for (const v of body.violations) expect(body.redactedText).not.toContain(v.match);
    expect(body.redactedText.startsWith(BLOCKED_TEXT.slice(0, body.violations[0].start))).toBe(true);
  });

  it('redactedText equals the text when nothing was found', async () => {
    expect((await scan({ text: ALLOWED_TEXT, redact: true })).json().redactedText).toBe(ALLOWED_TEXT);
  });

  it('answers 413 KANMON_TEXT_TOO_LONG over the configured length, without echoing the text', async () => {
    const text = `secret-${'あ'.repeat(300)}`;
    const res = await scan({ text });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'KANMON_TEXT_TOO_LONG', message: expect.stringContaining('limit is 200') } });
    expect(res.body).not.toContain('secret-');
  });

  it.each([
    ['missing text', { id: 'x' }, 'body must have required properties text'],
    ['text of the wrong type', { text: 42 }, 'body/text must be string'],
    ['unknown context', { text: 'a', context: 'email' }, 'body/context'],
    ['unknown field', { text: 'a', redcat: true }, 'redcat'],
    ['id too long', { text: 'a', id: 'x'.repeat(300) }, 'body/id'],
  ])('answers 400 KANMON_INVALID_REQUEST for %s, naming the field', async (_name, payload, fragment) => {
    const res = await scan(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('KANMON_INVALID_REQUEST');
    expect(res.json().error.message).toContain(fragment);
  });

  it('never echoes a text value in a validation error', async () => {
    const res = await scan({ text: 'call 090-1234-5678', context: 'call 090-1234-5678' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('090');
  });

  it.each([
    ['broken JSON', '{"text": "a@b.jp",'],
    ['empty body', ''],
  ])('answers 400 KANMON_MALFORMED_JSON for %s', async (_name, payload) => {
    const res = await scan(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('KANMON_MALFORMED_JSON');
    expect(res.body).not.toContain('a@b.jp');
  });

  it.each(['text/plain', 'application/x-ndjson', 'application/xml'])('answers 415 for %s', async (type) => {
    const res = await scan('{"text":"x"}', { 'content-type': type });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({ code: 'KANMON_UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
  });

  it('answers 413 KANMON_BODY_TOO_LARGE over the body limit', async () => {
    const res = await scan({ text: 'a'.repeat(3000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'KANMON_BODY_TOO_LARGE', message: expect.stringContaining('2048 bytes') });
  });

  it('sets an x-request-id and keeps a sane one from the caller', async () => {
    const own = await scan({ text: 'a' }, { 'x-request-id': 'trace-123' });
    expect(own.headers['x-request-id']).toBe('trace-123');
    const odd = await scan({ text: 'a' }, { 'x-request-id': 'bad id with spaces' });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends helmet security headers', async () => {
    const res = await scan({ text: 'a' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
