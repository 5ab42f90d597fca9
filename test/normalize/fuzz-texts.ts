import fc from 'fast-check';

/**
 * Texts for the normalization property tests: runs of up to `maxPieces` of the given pieces
 * (the characters and words a test is about), any BMP code units (lone surrogates included),
 * and any code points.
 * @example fc.assert(fc.property(textsFrom(['ら', '・', ' '], 20), (text) => …))
 */
export const textsFrom = (pieces: readonly string[], maxPieces: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: maxPieces }).map((parts) => parts.join('')),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    fc.string({ unit: 'binary' }),
  );
