/**
 * Texts over KANMON_MAX_TEXT_LENGTH are refused, never cut: the limit counts UTF-16 code
 * units, a text exactly at it is scanned to its last character, and one unit more is 413 —
 * for single scans, JSON batch items and NDJSON lines alike. (The basic 413 cases are in
 * test/http/scan.test.ts and batch.test.ts, the CLI's error line in test/cli/scan.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { buildTestApp, ndjsonLines } from '../http/helpers.js';
import { CONTACT } from './harness/fixtures.js';

const MAX = 300;
/** Filler, then a phone number as the very last characters: found only if nothing was cut. */
const atLimit = (total: number) => `${'あ'.repeat(total - CONTACT.phone.length - 1)} ${CONTACT.phone}`;

let app: KanmonApp;
beforeAll(async () => {
  app = await buildTestApp({ KANMON_MAX_TEXT_LENGTH: String(MAX) });
});
afterAll(() => app.close());

const scan = (text: string) => app.inject({ method: 'POST', url: '/v1/scan', payload: { text } });

describe('the text length limit', () => {
  it('scans a text of exactly the limit to its end', async () => {
    const text = atLimit(MAX);
    expect(text).toHaveLength(MAX);
    const res = await scan(text);
    expect(res.statusCode).toBe(200);
    expect(res.json().violations).toEqual([expect.objectContaining({ category: 'phone', end: MAX })]);
  });

  it('refuses one code unit more with 413, rather than scanning a shortened text', async () => {
    const res = await scan(atLimit(MAX + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'KANMON_TEXT_TOO_LONG', message: `Text is ${MAX + 1} characters long; the limit is ${MAX}. Split it or raise the limit (KANMON_MAX_TEXT_LENGTH).` });
  });

  it('counts UTF-16 code units: an emoji at the end counts two', async () => {
    expect((await scan(`${'a'.repeat(MAX - 2)}👍`)).statusCode).toBe(200);
    expect((await scan(`${'a'.repeat(MAX - 1)}👍`)).statusCode).toBe(413);
  });

  it('answers the same way per item in a JSON batch and per line in NDJSON, the rest going on', async () => {
    const items = [{ id: 'at', text: atLimit(MAX) }, { id: 'over', text: atLimit(MAX + 1) }, { id: 'after', text: 'ok' }];
    const json = (await app.inject({ method: 'POST', url: '/v1/scan/batch', payload: { items } })).json().results;
    expect(json.map((r: { id: string; error?: { code: string }; action?: string }) => [r.id, r.error?.code ?? r.action])).toEqual([['at', 'block'], ['over', 'KANMON_TEXT_TOO_LONG'], ['after', 'allow']]);
    const ndjson = await app.inject({ method: 'POST', url: '/v1/scan/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: items.map((i) => JSON.stringify(i)).join('\n') });
    expect(ndjsonLines(ndjson.body).map((r) => [r.id, (r.error as { code: string } | undefined)?.code ?? r.action])).toEqual([['at', 'block'], ['over', 'KANMON_TEXT_TOO_LONG'], ['after', 'allow']]);
  });
});
