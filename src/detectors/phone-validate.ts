/**
 * Validating the digits of one candidate phone number with libphonenumber-js's metadata, as
 * `parsePhoneNumberFromString('+<code><national>').isValid()` would, at a fraction of its cost.
 *
 * The parse spends most of its time on work a candidate does not need: reading a formatted
 * string, finding the country behind a calling code, stripping a national prefix. And its
 * validation builds a RegExp from a metadata pattern for every test it makes (the general
 * pattern, then one per number type). `compiledValidity` makes the same tests, in the same
 * order, on the national digits, with the regexes compiled once: 0.09–0.16 µs per candidate,
 * against 4.6–8.7 µs for the parse and 2.0–3.2 µs for the library's `PhoneNumber` class built
 * from the E.164 digits, which skips the parsing only (Node 20, 2,000 Japanese national
 * numbers of 9–10 digits). Scans of ~300-character messages took 0.92–0.96× the time with
 * contacts, 0.95–0.99× full of numbers, against the class (same process, median of 36 rounds,
 * two runs), and `kanmon scan --explain` answered 21,270 texts byte for byte.
 *
 * The two agree only where the parse would do neither of the skipped things, so the compiled
 * tests answer only then:
 * - the calling code belongs to one country (+81 is Japan alone; +1 is shared by 25, and
 *   there the parse picks the country from the digits);
 * - the national number does not start with what the country's national prefix for parsing
 *   matches (Japan: "0", "003768", "000…"), which the parse would strip first.
 * Otherwise, and whenever the metadata does not offer what they read, the parse runs.
 */
// Core's functions with the `max` metadata passed in, rather than the `max` entry: its CommonJS
// build, which a worker thread running from the sources (tsx) loads, has no Metadata, so every
// phone rule failed there.
import { getCountries, getCountryCallingCode, isSupportedCountry, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';

/**
 * Whether libphonenumber-js knows `region` as a country (an ISO 3166 code).
 * @example isKnownRegion('JP') // true
 */
export const isKnownRegion = (region: string): region is CountryCode => isSupportedCountry(region as CountryCode, maxMetadata);

/**
 * The calling code of a country.
 * @example callingCodeOf('JP') // '81'
 */
export const callingCodeOf = (region: CountryCode): string => getCountryCallingCode(region, maxMetadata);

/** Validates national numbers of one calling code. */
export interface NumberValidator {
  /** The number in E.164 (`+819044182371`) when valid, else null. */
  (national: string): string | null;
  /** Whether numbers that need no prefix stripped are validated without the parse (JP: yes; the shared +1: no). */
  readonly skipsParse: boolean;
}

/**
 * The validator for the numbers of `region`'s calling code.
 * @example numberValidator('JP')('9044182371') // '+819044182371'
 */
export function numberValidator(region: CountryCode): NumberValidator {
  const callingCode = callingCodeOf(region);
  const plan = new Metadata(maxMetadata) as Metadata & NumberingPlanMethods;
  plan.selectNumberingPlan(region);
  const prefix = strippedPrefix(plan, callingCode);
  const isValid = prefix === undefined ? undefined : compiledValidity(plan);
  const validate = (national: string): string | null => {
    const e164 = `+${callingCode}${national}`;
    if (isValid !== undefined && !prefix!.test(national)) return isValid(national) ? e164 : null;
    const parsed = parsePhoneNumberFromString(e164, maxMetadata);
    return parsed !== undefined && parsed.isValid() ? parsed.number : null;
  };
  return Object.assign(validate, { skipsParse: isValid !== undefined });
}

/** The number types libphonenumber-js's isValid tries (getNumberType: the fixed line, then these). */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

/** The methods of libphonenumber-js's Metadata, with a numbering plan selected, read here (in its JavaScript, not in its types). */
interface NumberingPlanMethods {
  hasTypes?: () => boolean;
  nationalNumberPattern?: () => string;
  type?: (type: string) => { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/**
 * libphonenumber-js's validity test for the national numbers of the selected country, with
 * its regexes compiled once. Same metadata, same order of tests, same answer (the tests
 * compare it with the library's own validation); undefined when the metadata does not offer
 * what it reads.
 */
function compiledValidity(metadata: NumberingPlanMethods): ((national: string) => boolean) | undefined {
  if (typeof metadata.hasTypes !== 'function' || typeof metadata.nationalNumberPattern !== 'function' || typeof metadata.type !== 'function') return undefined;
  const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
  const general = whole(metadata.nationalNumberPattern());
  if (!metadata.hasTypes()) return (national) => general.test(national);
  const types = NUMBER_TYPES.flatMap((name) => {
    const type = metadata.type!(name);
    // A type without a pattern never matches (isNumberTypeEqualTo).
    return type !== undefined && type.pattern() ? [{ pattern: whole(type.pattern()), lengths: type.possibleLengths() ?? null }] : [];
  });
  return (national) => general.test(national) && types.some((type) => (type.lengths === null || type.lengths.includes(national.length)) && type.pattern.test(national));
}

/** The methods of libphonenumber-js's numbering plan read here (in its JavaScript, not in its types). */
interface PrefixPlan {
  nationalPrefix?: () => string | undefined;
  nationalPrefixForParsing?: () => string | undefined;
}

/**
 * A regex for the start of a national number the parse would strip as a national prefix; a
 * regex that never matches when the country has none; undefined when only the parse may
 * answer (a shared calling code, or metadata without the methods).
 */
function strippedPrefix(metadata: Metadata, callingCode: string): RegExp | undefined {
  if (getCountries(maxMetadata).filter((country) => callingCodeOf(country) === callingCode).length !== 1) return undefined;
  const plan = metadata.numberingPlan as PrefixPlan | undefined;
  if (typeof plan?.nationalPrefixForParsing !== 'function' || typeof plan.nationalPrefix !== 'function') return undefined;
  const pattern = plan.nationalPrefixForParsing() ?? plan.nationalPrefix();
  // libphonenumber-js anchors the prefix at the start of the national number.
  return pattern === undefined || pattern === '' ? /(?!)/ : new RegExp(`^(?:${pattern})`);
}
