import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { ALLOWED_TEXT, BLOCKED_TEXT, buildTestApp, ndjsonLines } from './helpers.js';

let app: KanmonApp;
beforeAll(async () => {
  app = await buildTestApp({ KANMON_MAX_TEXT_LENGTH: '100', KANMON_BATCH_MAX_ITEMS: '3', KANMON_NDJSON_MAX_LINE_BYTES: '300', KANMON_BODY_LIMIT: '4kb' });
});
afterAll(() => app.close());

const batch = (payload: string, contentType = 'application/json') =>
  app.inject({ method: 'POST', url: '/v1/scan/batch', payload, headers: { 'content-type': contentType } });

describe('POST /v1/scan/batch (JSON)', () => {
  it('answers every item in order, with an error in place of a text that is too long', async () => {
    const res = await batch(JSON.stringify({ items: [
      { id: 'a', text: BLOCKED_TEXT },
      { id: 'b', text: 'x'.repeat(101) },
      { text: ALLOWED_TEXT, redact: true },
    ] }));
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ id: 'a', action: 'block' });
    expect(results[1]).toEqual({ index: 1, id: 'b', error: { code: 'KANMON_TEXT_TOO_LONG', message: expect.any(String) } });
    expect(results[2]).toEqual({ action: 'allow', violations: [], rulesVersion: results[0].rulesVersion, redactedText: ALLOWED_TEXT });
  });

  it('accepts an empty batch', async () => {
    expect((await batch('{"items":[]}')).json()).toEqual({ results: [] });
  });

  it('answers 413 KANMON_BATCH_TOO_LARGE over the item limit', async () => {
    const res = await batch(JSON.stringify({ items: Array.from({ length: 4 }, () => ({ text: 'a' })) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'KANMON_BATCH_TOO_LARGE', message: expect.stringContaining('limit is 3') });
  });

  it('answers 400 naming the bad item field', async () => {
    const res = await batch(JSON.stringify({ items: [{ text: 'a' }, { text: 7 }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'KANMON_INVALID_REQUEST', message: expect.stringContaining('body/items/1/text must be string') });
  });

  it('answers 413 KANMON_BODY_TOO_LARGE for a JSON body over the limit', async () => {
    const res = await batch(JSON.stringify({ items: [{ text: 'a'.repeat(5000) }] }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('KANMON_BODY_TOO_LARGE');
  });

  it('answers 415 naming both accepted types', async () => {
    const res = await batch('text', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('application/x-ndjson');
  });
});

describe('POST /v1/scan/batch (NDJSON)', () => {
  it('answers one line per non-blank input line, errors in place, the rest going on', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: BLOCKED_TEXT }),
      '{"id": "b", "text": ',
      '',
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', text: ['not', 'a', 'string'] }),
      JSON.stringify({ id: 'e', text: 'y'.repeat(101) }),
      JSON.stringify({ id: 'f', text: 'z'.repeat(400) }),
      JSON.stringify({ id: 'g', text: ALLOWED_TEXT, locale: 'en', context: 'profile' }),
      '[1, 2]',
    ].join('\n');
    const res = await batch(input, 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = ndjsonLines(res.body);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatchObject({ id: 'a', action: 'block' });
    expect(lines[1]).toEqual({ line: 2, error: { code: 'KANMON_INVALID_LINE', message: expect.stringContaining('not valid JSON') } });
    expect(lines[2]).toEqual({ line: 4, id: 'c', error: { code: 'KANMON_INVALID_LINE', message: expect.stringContaining('text') } });
    expect(lines[3]).toMatchObject({ line: 5, id: 'd', error: { code: 'KANMON_INVALID_LINE', message: expect.stringContaining('/text must be string') } });
    expect(lines[4]).toMatchObject({ line: 6, id: 'e', error: { code: 'KANMON_TEXT_TOO_LONG' } });
    expect(lines[5]).toEqual({ line: 7, error: { code: 'KANMON_LINE_TOO_LONG', message: expect.stringContaining('300 bytes') } });
    expect(lines[6]).toMatchObject({ id: 'g', action: 'allow' });
    expect(lines[7]).toMatchObject({ line: 9, error: { code: 'KANMON_INVALID_LINE' } });
    expect(res.body).not.toContain('zzzz');
  });

  it('has no body limit: a body far over KANMON_BODY_LIMIT streams through', async () => {
    const line = JSON.stringify({ text: ALLOWED_TEXT });
    const res = await batch(`${line}\n`.repeat(200), 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    expect(ndjsonLines(res.body)).toHaveLength(200);
  });

  it('answers an empty stream with an empty body', async () => {
    const res = await batch('', 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });
});
