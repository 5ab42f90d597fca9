import { describe, expect, it } from 'vitest';
import { foldDigitLookalikes } from '../../src/normalize/fold-digit-lookalikes.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldDigitLookalikes(identityMapped(text)).text;

describe('foldDigitLookalikes', () => {
  it.each([
    ['09o-12з4-5678', '090-1234-5678'],
    ['電話 o9o-1234-5678 まで', '電話 090-1234-5678 まで'],
    ['1o2o-33s1', '1020-3351'],
    ['080l2345678', '08012345678'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it.each([['solo'], ['b2b'], ['iso9001'], ['1990s'], ['ver2'], ['size-s'], ['2024/11/20'], ['blog'], ['item-b-2']])('leaves %s alone', (input) => {
    expect(fold(input)).toBe(input);
  });
});
