import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiteralSets } from '../../src/engine/required-literals.js';

describe('requiredLiteralSets', () => {
  it.each([
    // One literal of each part of a sequence: the bank-account pattern of the default pack, cut short.
    ['(?:口座|銀行)[^。\\n]{0,30}?(?:番号|記号)[0-9]{4}', [['口座', '銀行'], ['番号', '記号']]],
    // Adjacent known text multiplies into longer literals, which stand for their parts.
    ['(?:電話|でんわ)で', [['電話で', 'でんわで']]],
    ['0[5789]0-?[0-9]{4}', [['050', '070', '080', '090']]],
    // Optional parts, wide classes and look-arounds require nothing.
    ['(?:直接)?取引(?!所)', [['取引']]],
    // Besides the best set, sets of one-unit literals are not worth the gate's time.
    ['(?<![a-z])id\\s?[:：]', [['id']]],
    ['[:：]', [[':', '：']]],
    // An alternation needs one of its alternatives' best sets; a literal containing another goes.
    ['手数料(?:が|の)?かから|(?:振込|送金)先', [['手数料かから', '手数料がかから', '手数料のかから', '振込先', '送金先']]],
    ['(?:お取引|取引|取り引き)で', [['取引で', '取り引きで']]],
    // At most four sets, the most selective first.
    ['ab.cd.efg.hi.jk', [['efg'], ['ab'], ['cd'], ['hi']]],
  ])('%s needs %j', (source, sets) => {
    expect(requiredLiteralSets(source, 'gu')).toEqual(sets);
  });

  it.each([
    ['[0-9]{4}', 'gu'],
    ['(?:a|.)', 'gu'],
    ['x?', 'gu'],
    ['\\p{L}+', 'gu'],
    // Case-insensitive or non-Unicode patterns are not analysed.
    ['line', 'gi'],
    ['line', 'g'],
  ])('%s (%s) needs nothing it can name', (source, flags) => {
    expect(requiredLiteralSets(source, flags)).toBeNull();
  });

  it('never names a set that a match does without (property)', () => {
    // Patterns over a four-letter alphabet, and texts over the same letters.
    const letter = fc.constantFrom('a', 'b', 'c', 'd');
    const atom: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        letter,
        fc.constantFrom('[ab]', '[cd]', '[^a]', '.', '(?=a)', '(?<!b)'),
        fc.tuple(tie('node'), fc.constantFrom('?', '*', '+', '{2}', '{1,2}', '')).map(([n, q]) => `(?:${n})${q}`),
        fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((nodes) => nodes.join('')),
        fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((nodes) => `(?:${nodes.join('|')})`),
      ),
    })).node;
    fc.assert(
      fc.property(atom, fc.array(fc.stringMatching(/^[abcd]{0,3}$/), { maxLength: 6 }), (source, pieces) => {
        const sets = requiredLiteralSets(source, 'gu');
        const text = pieces.join('');
        if (sets === null || !new RegExp(source, 'u').test(text)) return;
        for (const set of sets) expect(set.some((literal) => text.includes(literal))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
