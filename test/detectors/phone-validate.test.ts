/**
 * The phone detector's validator must answer exactly as libphonenumber-js's parse does, for
 * every region and every national number it may see: it only takes a shorter way there.
 */
import fc from 'fast-check';
import { parsePhoneNumberFromString, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { numberValidator } from '../../src/detectors/phone-validate.js';

const byParse = (region: CountryCode, national: string): string | null => {
  const parsed = parsePhoneNumberFromString(`+${getCountryCallingCode(region)}${national}`);
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
};

// JP: the default; DE: national prefix 0 only; KR and BR: prefixes for parsing that match more
// than "0" (BR's can start with 9); US and GB: calling codes shared by several countries.
const REGIONS: CountryCode[] = ['JP', 'DE', 'KR', 'BR', 'US', 'GB', 'MX', 'IN'];

describe('numberValidator', () => {
  it.each(REGIONS)('answers as the parse does for %s national numbers of 6–12 digits', (region) => {
    const validate = numberValidator(region);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,12}$/), (national) => {
        expect(validate(national)).toBe(byParse(region, national));
      }),
      { numRuns: 3000 },
    );
  });

  it('skips the parse for Japan, and not where a calling code is shared', () => {
    // Without the shorter way for JP the detector still answers right, only slower: this is
    // what notices a libphonenumber-js upgrade that took away the metadata it reads.
    expect(numberValidator('JP').skipsParse).toBe(true);
    expect(numberValidator('DE').skipsParse).toBe(true);
    expect(numberValidator('US').skipsParse).toBe(false);
    expect(numberValidator('GB').skipsParse).toBe(false);
  });

  it('agrees on Japanese numbers that are valid, so the comparison is not only of rejections', () => {
    const validate = numberValidator('JP');
    // Mobile, landline, toll-free, IP phone, and national prefixes the parse strips first.
    const cases = ['9044182371', '312345678', '120123456', '5012345678', '09044182371', '0312345678', '0037680312345678'];
    for (const national of cases) expect(validate(national)).toBe(byParse('JP', national));
    expect(validate('9044182371')).toBe('+819044182371');
    expect(validate('09044182371')).toBe('+819044182371');
  });

  it('answers as the parse does under every three-digit start of a Japanese number, for each type the metadata knows', () => {
    // Landlines, mobiles, toll-free, IP phones, pagers, premium rate…: each start is tried with
    // a tail to nine and to ten digits, so that every type's pattern and lengths are read.
    const validate = numberValidator('JP');
    let valid = 0;
    let tried = 0;
    for (let start = 100; start <= 999; start++) {
      for (const tail of ['234567', '2345678', '000000', '9999999', '5551212']) {
        const national = `${start}${tail}`;
        if (national.length < 9 || national.length > 10) continue;
        const expected = byParse('JP', national);
        expect(validate(national)).toBe(expected);
        tried++;
        if (expected !== null) valid++;
      }
    }
    // Both answers are well represented: the comparison is not of rejections alone.
    expect(valid).toBeGreaterThan(tried / 10);
    expect(tried - valid).toBeGreaterThan(tried / 10);
  });

  it('finds valid numbers among random mobile numbers in the same proportion as the parse', () => {
    const validate = numberValidator('JP');
    fc.assert(
      fc.property(fc.constantFrom('70', '80', '90'), fc.stringMatching(/^[0-9]{8}$/), (head, tail) => {
        expect(validate(head + tail)).toBe(byParse('JP', head + tail));
      }),
      { numRuns: 3000 },
    );
  });
});
