import { describe, expect, it } from 'vitest';
import { markMatches } from '../../src/cli/pretty.js';

describe('markMatches', () => {
  it.each([
    ['no spans', 'abc', [], 'abc'],
    ['one span', 'ID: kenta88', [[4, 11]], 'ID: 【kenta88】'],
    ['spans given out of order', 'a1b2', [[3, 4], [1, 2]], 'a【1】b【2】'],
    ['overlapping spans, merged', 'abcdef', [[1, 4], [2, 5]], 'a【bcd】【e】f'],
    ['a span inside another', 'abcdef', [[1, 5], [2, 3]], 'a【bcde】f'],
    ['a whole text', 'xyz', [[0, 3]], '【xyz】'],
    ['control characters, escaped', 'a\x1b[2Jb', [[0, 1]], '【a】\\u001b[2Jb'],
  ] as const)('%s', (_, text, spans, expected) => {
    expect(markMatches(text, spans.map(([start, end]) => ({ start, end })), false)).toBe(expected);
  });

  it('uses ANSI underline-red for colour', () => {
    expect(markMatches('ID: k', [{ start: 4, end: 5 }], true)).toBe('ID: \x1b[1;4;31mk\x1b[0m');
  });
});
