import { describe, expect, it } from 'vitest';
import { foldCase } from '../../src/normalize/fold-case.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldCase(identityMapped(text));

describe('foldCase', () => {
  it.each([
    ['ASCII', 'LINE ID: Kenta88', 'line id: kenta88'],
    ['Latin-1', 'ÀÉÎÕÜ', 'àéîõü'],
    ['Greek', 'ΑΛΦΑ', 'αλφα'],
    ['Cyrillic (look-alikes stay Cyrillic here)', 'LІNЕ', 'lіnе'],
    ['Greek capitals that imitate another Latin letter', 'LIΝE ΗΕLLO', 'line hεllo'],
    ['mixed with Japanese', 'QRコードをLINEで', 'qrコードをlineで'],
  ])('%s', (_case, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it.each([
    ['lower-case text', 'line id kenta88'],
    ['Japanese', 'ラインで話そう'],
    ['full-width letters (foldWidth runs first)', 'ＬＩＮＥ'],
    ['a capital whose lower case is two units', 'İ'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(foldCase(mapped)).toBe(mapped);
  });

  it('keeps the map: one unit for one', () => {
    const input = identityMapped('ABC');
    const folded = foldCase(input);
    expect(folded.starts).toBe(input.starts);
    expect(folded.ends).toBe(input.ends);
  });
});
