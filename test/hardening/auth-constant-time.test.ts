/**
 * Tokens are compared in constant time: whatever is presented — right or wrong, short or long,
 * matching the first key or the last — the check hashes it once and calls timingSafeEqual on
 * 32-byte digests once per configured secret, never stopping early. Structural, so it cannot
 * fail on a noisy clock (test/http/auth.test.ts covers the verdicts themselves).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: [number, number][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});
const { bearerChecker } = await import('../../src/http/auth.js');

const SECRETS = ['first-key-aaaaaaaaaaaa', 'k2', 'a-much-longer-third-key-bbbbbbbbbbbbbbbbbbbbbbbbbb'];

describe('bearer token comparison', () => {
  const check = bearerChecker(SECRETS);
  beforeEach(() => {
    calls.length = 0;
  });

  it.each([
    ['the first key', `Bearer ${SECRETS[0]}`, 'ok'],
    ['the last key', `Bearer ${SECRETS[2]}`, 'ok'],
    ['a one-character token', 'Bearer x', 'invalid'],
    ['a prefix of a key', `Bearer ${SECRETS[0]!.slice(0, -1)}`, 'invalid'],
    ['a key with one more character', `Bearer ${SECRETS[2]}c`, 'invalid'],
    ['a 10 kB token', `Bearer ${'z'.repeat(10_000)}`, 'invalid'],
  ])('%s: one comparison of equal 32-byte digests per secret', (_name, header, verdict) => {
    expect(check(header)).toBe(verdict);
    expect(calls).toEqual(SECRETS.map(() => [32, 32]));
  });

  it('compares nothing when no token is presented (the answer does not depend on any secret)', () => {
    expect(check(undefined)).toBe('missing');
    expect(check('Basic Zm9vOmJhcg==')).toBe('missing');
    expect(calls).toEqual([]);
  });
});
