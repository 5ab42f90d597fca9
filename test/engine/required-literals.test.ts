import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiteralSets, WORD_START } from '../../src/engine/required-literals.js';

/** Whether `text` has `literal`; one marked WORD_START only where no [a-z0-9] comes before it. */
function has(text: string, literal: string): boolean {
  if (!literal.startsWith(WORD_START)) return text.includes(literal);
  const word = literal.slice(WORD_START.length);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (at === 0 || !/[a-z0-9]/.test(text[at - 1]!)) return true;
  return false;
}

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
    // words.ts's boundary in front of ASCII names: the literal must start a word.
    ['(?:(?<![a-z0-9])(?:line|x)(?![a-z0-9])|らいん)', [[`${WORD_START}line`, `${WORD_START}x`, 'らいん']]],
    ['@(?<![a-z0-9])x', [['@x']]],
    ['(?<![0-9a-z])0x[0-9a-f]{40}', [[`${WORD_START}0x`]]],
    // Any class that holds every [a-z0-9] is the same boundary; one missing a digit, or negated, is not.
    ['(?<![0-9a-z_])0x', [[`${WORD_START}0x`]]],
    ['(?<![\\w.])id', [[`${WORD_START}id`]]],
    ['(?<![\\da-z])id', [[`${WORD_START}id`]]],
    ['(?<![1-9a-z])0x', [['0x']]],
    ['(?<![^a-z0-9])0x', [['0x']]],
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
    // Patterns over a few letters, a digit and a space, and texts over the same units.
    const letter = fc.constantFrom('a', 'b', 'c', 'd', '1', ' ');
    const atom: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        letter,
        fc.constantFrom('[ab]', '[cd]', '[^a]', '.', '(?=a)', '(?<!b)', '(?<![a-z0-9])', '(?<![0-9a-z_])', '(?<![\\w])', '(?<![a-z])', '(?<![^a-z0-9])', '(?![a-z0-9])'),
        fc.tuple(tie('node'), fc.constantFrom('?', '*', '+', '{2}', '{1,2}', '')).map(([n, q]) => `(?:${n})${q}`),
        fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((nodes) => nodes.join('')),
        fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((nodes) => `(?:${nodes.join('|')})`),
      ),
    })).node;
    fc.assert(
      fc.property(atom, fc.array(fc.stringMatching(/^[abcd1 ]{0,3}$/), { maxLength: 6 }), (source, pieces) => {
        const sets = requiredLiteralSets(source, 'gu');
        const text = pieces.join('');
        if (sets === null || !new RegExp(source, 'u').test(text)) return;
        for (const set of sets) expect(set.some((literal) => has(text, literal))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
