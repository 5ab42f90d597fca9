import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { censorNested } from '../../src/http/request-log.js';
import { SECURITY_HEADERS, securityHeaders } from '../../src/http/security-headers.js';
import { buildTestApp } from './helpers.js';

describe('censorNested (the *.text, *.match, … redaction paths)', () => {
  it('censors those keys one level down, on a copy', () => {
    const result = { action: 'block', redactedText: 'secret', violations: [{ match: 'secret' }] };
    const err = Object.assign(new Error('boom'), { text: 'secret' });
    const line = { result, err, nested: { deeper: { text: 'kept: two levels down is not a *.text path' } } };
    const out = censorNested(line);
    expect(out).not.toBe(line);
    expect(out.result).toEqual({ action: 'block', redactedText: '[redacted]', violations: '[redacted]' });
    expect(out.err).toBeInstanceOf(Error);
    expect((out.err as Error).message).toBe('boom');
    expect((out.err as Error & { text: string }).text).toBe('[redacted]');
    expect(out.nested).toBe(line.nested);
    // The caller's objects are untouched.
    expect(result.redactedText).toBe('secret');
    expect(err.text).toBe('secret');
  });

  it('copes with frozen objects, getters and objects that refuse inspection', () => {
    const frozen = Object.freeze({ match: 'secret', ruleId: 'line.id' });
    const getter = { get text() { return 'secret'; } };
    const hostile = new Proxy({}, { has: () => { throw new Error('no'); } });
    const out = censorNested({ frozen, getter, hostile });
    expect(out.frozen).toEqual({ match: '[redacted]', ruleId: 'line.id' });
    expect((out.getter as { text: string }).text).toBe('[redacted]');
    expect(out.hostile).toBe('[redacted]');
    expect(JSON.stringify(out)).not.toContain('secret');
  });

  it('returns the object itself when there is nothing to censor', () => {
    const line = { method: 'POST', route: '/v1/scan', statusCode: 200, categories: ['line'], actions: { allow: 1 } };
    expect(censorNested(line)).toBe(line);
  });
});

describe('security headers', () => {
  it('are helmet\'s, computed once, without upgrade-insecure-requests', () => {
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(SECURITY_HEADERS['x-frame-options']).toBe('SAMEORIGIN');
    expect(SECURITY_HEADERS['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(SECURITY_HEADERS['content-security-policy']).toContain("default-src 'self'");
    expect(SECURITY_HEADERS['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(Object.isFrozen(SECURITY_HEADERS)).toBe(true);
    expect(securityHeaders({})['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('throws at start-up on options helmet refuses', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ['self'] } } })).toThrow(/default-src/);
  });
});

describe('security headers on answers', () => {
  let app: KanmonApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('are on scans, errors, unknown routes and malformed URLs alike', async () => {
    const answers = [
      await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'a' } }),
      await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 7 } }),
      await app.inject({ method: 'GET', url: '/v1/nothing' }),
      await app.inject({ method: 'GET', url: '/v1/%E0%A4%A' }),
    ];
    for (const res of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name]).toBe(value);
    }
    expect(answers.map((r) => r.statusCode)).toEqual([200, 400, 404, 400]);
  });
});
