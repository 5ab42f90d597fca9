import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { buildTestApp, logCapture } from './helpers.js';

const EMAIL = 'taro.yamada@example-mail.jp';
const PHONE = '090-4321-8765';
const TEXT = `連絡はこちらへ ${EMAIL} または ${PHONE} までお願いします`;
/** Every form the contact details could leak in: as sent, digits only, and the local part. */
const FORBIDDEN = [EMAIL, PHONE, '09043218765', '4321-8765', 'taro.yamada', 'example-mail', '連絡はこちら'];

let app: KanmonApp;
const logs = logCapture();
beforeAll(async () => {
  app = await buildTestApp({ KANMON_MAX_TEXT_LENGTH: '200', KANMON_API_KEYS: 'log-test-key' }, logs.stream);
  const auth = { authorization: 'Bearer log-test-key' };
  await app.inject({ method: 'POST', url: '/v1/scan', headers: auth, payload: { id: 'msg-1', text: TEXT, explain: true, redact: true } });
  await app.inject({ method: 'POST', url: '/v1/scan/batch', headers: auth, payload: { items: [{ text: TEXT }, { text: TEXT, redact: true }] } });
  await app.inject({
    method: 'POST', url: '/v1/scan/batch', headers: { ...auth, 'content-type': 'application/x-ndjson' },
    payload: `${JSON.stringify({ text: TEXT })}\n{"text": "${EMAIL}\n${JSON.stringify({ text: TEXT.repeat(10) })}\n`,
  });
  // Errors with the text in the body: too long, wrong type next to it, malformed JSON, no key.
  await app.inject({ method: 'POST', url: '/v1/scan', headers: auth, payload: { text: TEXT.repeat(10) } });
  await app.inject({ method: 'POST', url: '/v1/scan', headers: auth, payload: { text: TEXT, context: 7 } });
  await app.inject({ method: 'POST', url: '/v1/scan', headers: { ...auth, 'content-type': 'application/json' }, payload: `{"text": "${TEXT}"` });
  await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: TEXT } });
  await app.inject({ method: 'GET', url: `/v1/scan?text=${encodeURIComponent(EMAIL)}` });
  // A future slip that logs a body or a result is censored too.
  app.log.info({ body: { text: TEXT }, text: TEXT, result: { redactedText: TEXT, violations: [{ match: EMAIL }] } }, 'accidental log');
});
afterAll(() => app.close());

describe('request log', () => {
  it('never contains the text, matches, redacted text or credentials', () => {
    const raw = logs.raw();
    expect(logs.lines().some((l) => l.msg === 'accidental log')).toBe(true);
    for (const fragment of [...FORBIDDEN, 'log-test-key', '＊＊']) expect(raw).not.toContain(fragment);
  });

  it('writes exactly one line per request with reqId, route, status, duration, action and categories', () => {
    const lines = logs.lines().filter((l) => l.msg === 'request completed');
    expect(lines).toHaveLength(8);
    const [single, batch, ndjson, tooLong, invalid, malformed, unauthorized, notFound] = lines;
    expect(single).toMatchObject({ reqId: expect.any(String), method: 'POST', route: '/v1/scan', statusCode: 200, durationMs: expect.any(Number), action: 'block' });
    expect(single!.categories).toEqual(expect.arrayContaining(['email', 'phone']));
    expect(batch).toMatchObject({ route: '/v1/scan/batch', statusCode: 200, items: 2, itemErrors: 0, actions: { allow: 0, review: 0, block: 2 } });
    expect(ndjson).toMatchObject({ route: '/v1/scan/batch', statusCode: 200, items: 3, itemErrors: 2 });
    expect(tooLong).toMatchObject({ statusCode: 413, errorCode: 'KANMON_TEXT_TOO_LONG' });
    expect(invalid).toMatchObject({ statusCode: 400, errorCode: 'KANMON_INVALID_REQUEST' });
    expect(malformed).toMatchObject({ statusCode: 400, errorCode: 'KANMON_MALFORMED_JSON' });
    expect(unauthorized).toMatchObject({ statusCode: 401, errorCode: 'KANMON_UNAUTHORIZED' });
    expect(notFound).toMatchObject({ statusCode: 404, route: 'unmatched', url: '/v1/scan' });
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(8);
  });
});
