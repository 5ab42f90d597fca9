import { describe, expect, it } from 'vitest';
import { identityMapped, mapCodeUnits, MappedTextBuilder, originalSpan, replaceMatches } from '../../src/normalize/mapped-text.js';

describe('identityMapped and originalSpan', () => {
  it.each([
    // [text, span, original span]
    ['abc', [0, 3], [0, 3]],
    ['abc', [1, 2], [1, 2]],
    ['abc', [1, 1], [1, 1]],
    ['abc', [3, 3], [3, 3]],
    ['', [0, 0], [0, 0]],
  ] as const)('%j %j', (text, [from, to], expected) => {
    expect(originalSpan(identityMapped(text), from, to)).toEqual(expected);
  });
});

describe('MappedTextBuilder', () => {
  it('composes a replacement with the map of its input', () => {
    const first = new MappedTextBuilder(identityMapped('ｶﾞid'));
    first.replace(0, 2, 'ガ');
    first.keep(2, 4);
    const once = first.build();
    expect([once.text, [...once.starts], [...once.ends]]).toEqual(['ガid', [0, 2, 3], [2, 3, 4]]);

    const second = new MappedTextBuilder(once);
    second.keep(0, 1);
    second.replace(1, 3, 'ID!!');
    const twice = second.build();
    expect(twice.text).toBe('ガID!!');
    expect(originalSpan(twice, 1, 5)).toEqual([2, 4]);
  });

  it('grows past the input length for expanding replacements', () => {
    const out = new MappedTextBuilder(identityMapped('㍿'));
    out.replace(0, 1, '株式会社'.repeat(10));
    const built = out.build();
    expect(built.text.length).toBe(40);
    expect(originalSpan(built, 0, 40)).toEqual([0, 1]);
  });
});

describe('replaceMatches', () => {
  it('returns the input itself when nothing matches or nothing changes', () => {
    const input = identityMapped('line id');
    expect(replaceMatches(input, /x/g, () => 'y')).toBe(input);
    expect(replaceMatches(input, /line/g, (m) => m[0])).toBe(input);
    expect(replaceMatches(input, /line/g, () => null)).toBe(input);
  });

  it('replaces and removes, keeping offsets', () => {
    const out = replaceMatches(identityMapped('a\u200Bb あっと c'), /\u200B| あっと /g, (m) => (m[0] === '\u200B' ? '' : '@'));
    expect(out.text).toBe('ab@c');
    expect(originalSpan(out, 2, 3)).toEqual([3, 8]);
  });
});

describe('mapCodeUnits', () => {
  it('converts one unit for one and shares the map', () => {
    const input = identityMapped('ABCあ');
    const out = mapCodeUnits(input, (c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c));
    expect(out.text).toBe('abcあ');
    expect(out.starts).toBe(input.starts);
  });

  it('returns the input itself when no unit changes', () => {
    const input = identityMapped('abc');
    expect(mapCodeUnits(input, (c) => c)).toBe(input);
  });

  it('handles texts longer than one conversion chunk', () => {
    const text = 'A'.repeat(20000);
    expect(mapCodeUnits(identityMapped(text), (c) => c + 0x20).text).toBe('a'.repeat(20000));
  });
});
