import { describe, expect, it } from 'vitest';
import { bearerChecker } from '../../src/http/auth.js';

describe('bearerChecker', () => {
  const check = bearerChecker(['key-one', 'key-two']);
  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['Basic a2V5LW9uZQ==', 'missing'],
    ['Bearer', 'missing'],
    ['Bearer key-one', 'ok'],
    ['bearer   key-two ', 'ok'],
    ['Bearer key-on', 'invalid'],
    ['Bearer key-one-and-more', 'invalid'],
    ['Bearer KEY-ONE', 'invalid'],
  ])('%j → %s', (header, expected) => {
    expect(check(header)).toBe(expected);
  });

  it('accepts nothing when no secrets are configured', () => {
    expect(bearerChecker([])('Bearer anything')).toBe('invalid');
  });
});
