import { Type, type Static } from 'typebox';
import { isAsciiDigit, isLowerAsciiAlphanumeric } from '../normalize/character-class.js';
import { callingCodeOf, isKnownRegion, numberValidator, type NumberValidator } from './phone-validate.js';
import type { Candidate, Detector } from './types.js';

const Options = Type.Object(
  {
    region: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'Country whose numbers are found: dialled with the trunk 0, or with its calling code (default JP).' })),
    maxFillerChars: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: 'Characters allowed between two digit groups of one number ("070の、えーと、3381"; default 6).' })),
  },
  { additionalProperties: false },
);
export type PhoneOptions = Static<typeof Options>;

// National significant number lengths worth a libphonenumber call. Japan: landlines, 0120 and
// 0570 have 9 digits after the trunk 0; mobiles, 050 IP phones and 0800 have 10. The longer
// Japanese forms in libphonenumber's metadata (carrier prefixes, 00xx services) are not how
// anyone writes a number to be called back on. Other regions: libphonenumber alone decides.
const NATIONAL_LENGTHS: Readonly<Partial<Record<string, readonly [number, number]>>> = { JP: [9, 10] };
const OTHER_NATIONAL_LENGTHS = [6, 12] as const;

// Characters that end a number: ':' in times (14:00, 00:12:35), and units that make the digits
// a date, a time, a price, an age, a percentage or a postal code.
const BREAKERS: ReadonlySet<number> = new Set([...':円年月日時分秒歳¥$%〒'].map((c) => c.charCodeAt(0)));
// Between two digits, these glue a group to the number before it ("5,000", "20.10.0",
// "2024/01/05", "〒150-0001"): such a group continues that number and cannot start a phone number.
const TIGHT: ReadonlySet<number> = new Set([...'-.,/'].map((c) => c.charCodeAt(0)));

/**
 * Phone numbers, also when written in pieces: digit groups are joined across separators
 * (spaces, '-', '.', '(', ')', '・', '、', '/', '~', emoji, line breaks) and short filler
 * ("070の、えーと、3381の、6620です", "最初は080\n次は5530\n最後は9127"), as long as the first
 * group starts with the trunk 0 (alone too: "0 90-1234-5678") or the country code (+81, 81).
 * Digits with only ASCII letters between them are one token (a hex address, a UUID), never
 * parts of a number. The joined digits, cut at group boundaries, are checked with
 * libphonenumber-js's precise (`max`) metadata; the longest valid number wins. Times, dates,
 * prices, postal codes, ISBN/JAN codes, versions and placeholders such as 00-0000-0000 fail
 * either the leading-0 rule, the breakers, or validation.
 * `value` is the number in E.164 (`+819044182371`).
 * @example detector: phone, options: { region: JP, maxFillerChars: 6 }
 */
export const phoneDetector: Detector<PhoneOptions> = {
  meta: {
    id: 'phone',
    description: 'A phone number valid in the region, possibly split into groups by separators or short filler words.',
    optionsSchema: Options,
  },
  create(options) {
    const region = options.region ?? 'JP';
    if (!isKnownRegion(region)) throw new Error(`region "${region}" is not a country libphonenumber-js knows; use an ISO 3166 code such as JP`);
    const plan: NumberPlan = {
      callingCode: callingCodeOf(region),
      lengths: NATIONAL_LENGTHS[region] ?? OTHER_NATIONAL_LENGTHS,
      maxFiller: options.maxFillerChars ?? 6,
      validate: numberValidator(region),
    };
    // libphonenumber-js's findPhoneNumbersInText costs ~70–90 µs per message, a parse of one
    // candidate ~7 µs (warm, Node 20). So the text is only scanned for digit groups that can
    // start a number, and libphonenumber sees joined candidates of plausible length, validated
    // without the parse where that gives the same answer (~2–3 µs, phone-validate.ts).
    //
    // The regex finds those starts (a group that begins with the trunk 0 or the calling code),
    // and the groups after one are read only as far as a number can reach. Every digit group
    // of the text used to be listed first, a third of the detector's time on messages full of
    // numbers (prices, dates, order numbers), most of whose groups start with neither: without
    // the list the detector takes 0.52–0.55× the time on them and 0.68–0.79× with contacts
    // (same-process A/B). On clean talk it takes 1.8× (0.19 → 0.34 µs per ~300 characters): a
    // text with no start costs this one search, and the test that stood before the list, a 0
    // followed by a digit, was ruled out faster (V8 skips ahead by two units). That test also
    // hid a number whose trunk 0 stood apart ("0 90-1234-5678") unless another group of the
    // text began with a 0 and a digit. (`includes('0')` is no cheaper first test: every kana's
    // high byte is 0x30, and V8's byte search stops at each one, 1.5 µs per clean message.)
    const starts = new RegExp(`(?<![0-9])(?:0|${plan.callingCode})`, 'g');
    return {
      find(input) {
        const text = input.normalized.text;
        const found: Candidate[] = [];
        let consumedEnd = -1;
        starts.lastIndex = 0;
        while (starts.test(text)) {
          const first = groupAt(text, matchStart(text, starts.lastIndex, plan.callingCode));
          const kind = startKind(text, first.start, first.end, consumedEnd, plan);
          if (kind === null) {
            starts.lastIndex = first.end;
            continue;
          }
          const number = longestNumber(text, first, kind, plan);
          if (number === null) {
            starts.lastIndex = first.end;
            continue;
          }
          found.push(number);
          consumedEnd = number.end;
          starts.lastIndex = number.end;
        }
        return found;
      },
    };
  },
};

interface NumberPlan {
  readonly callingCode: string;
  readonly lengths: readonly [number, number];
  readonly maxFiller: number;
  readonly validate: NumberValidator;
}

type StartKind = 'national' | 'international';

/** A run of ASCII digits: [start, end). */
interface DigitRun {
  readonly start: number;
  readonly end: number;
}

/** The run of ASCII digits starting at `start`. */
function groupAt(text: string, start: number): DigitRun {
  let end = start;
  while (end < text.length && isAsciiDigit(text.charCodeAt(end))) end++;
  return { start, end };
}

/**
 * Where the match of `(?<![0-9])(?:0|code)` that ended at `end` began, without the match
 * object `exec` would make: the trunk 0 is one unit that starts a group, and the last unit
 * of a code of two digits or more has a digit before it.
 */
function matchStart(text: string, end: number, callingCode: string): number {
  const trunk = text.charCodeAt(end - 1) === 0x30 && (end === 1 || !isAsciiDigit(text.charCodeAt(end - 2)));
  return trunk ? end - 1 : end - callingCode.length;
}

/** How far back from a space insideSpacedCode looks. */
const SPACED_CODE_WINDOW = 40;

/**
 * Whether two or more digit-bearing groups of [0-9a-z], single-spaced, end right before
 * `spaceAt` (a space) within the 40 characters before it, and start after the window's start,
 * a character that is neither, or one space after either. Read backwards from the space, group
 * by group: the regex it replaces, `(?:^|[^0-9a-z ]) ?(?:[0-9a-z]*[0-9][0-9a-z]* ){2,}$` on
 * the window, tried every start position, and was 2 % of a scan of messages full of numbers;
 * the detector took 0.55–0.68× the time on them without it (two runs). Exported for the
 * property test that holds it to that regex.
 */
export function insideSpacedCode(text: string, spaceAt: number): boolean {
  const from = Math.max(0, spaceAt - SPACED_CODE_WINDOW);
  let end = spaceAt;
  for (let groups = 1; ; groups++) {
    let start = end;
    let digit = false;
    while (start > from && isLowerAsciiAlphanumeric(text.charCodeAt(start - 1))) {
      start--;
      if (isAsciiDigit(text.charCodeAt(start))) digit = true;
    }
    if (!digit) return false;
    if (groups >= 2 && (start === from || opensGroups(text, from, start))) return true;
    if (start === from || text.charCodeAt(start - 1) !== 0x20) return false;
    end = start - 1;
  }
}

/** Whether what stands right before `start` may open the groups: a non-[0-9a-z ] character, or a space after one or after `from`. */
function opensGroups(text: string, from: number, start: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (before !== 0x20) return !isLowerAsciiAlphanumeric(before);
  if (start - 1 === from) return true;
  const further = text.charCodeAt(start - 2);
  return further !== 0x20 && !isLowerAsciiAlphanumeric(further);
}

/**
 * Whether the digit group [start, end), which starts with the trunk 0 or the calling code (the
 * search for starts found it), can begin a number, and how.
 */
function startKind(text: string, start: number, end: number, consumedEnd: number, plan: NumberPlan): StartKind | null {
  const national = text.charCodeAt(start) === 0x30;
  const before = start > 0 ? text.charCodeAt(start - 1) : NaN;
  if (TIGHT.has(before) && start >= 2 && isAsciiDigit(text.charCodeAt(start - 2)) && start - 1 !== consumedEnd) return null;
  // "10:12:03 2024 +0900": a group right after a time's ':' is part of the time. A label's
  // colon ("TEL:03-…") has no digit before it, so it still starts a number.
  if (before === 0x3a && start >= 2 && isAsciiDigit(text.charCodeAt(start - 2))) return null;
  // "de89 3704 0044 0532 0130 00": a group deep inside a space-grouped code (IBAN, card or
  // serial number) is not where a phone number starts; an address before a number
  // ("〒150-0001 03-…") has only one such group, so it still does.
  if (before === 0x20 && insideSpacedCode(text, start - 1) && start - 1 !== consumedEnd) return null;
  if (national) return 'national';
  // A bare "81…" is an order number as often as a phone number: accept it when the code stands
  // alone ("81 90 5521 3307") or the run is exactly a code plus a longest national number
  // ("wa.me/818056723319"); after '+' always.
  const length = end - start;
  const code = plan.callingCode.length;
  return before === 0x2b || length === code || length === code + plan.lengths[1] ? 'international' : null;
}

/**
 * The next digit run after `from`, if what stands between may separate parts of one number:
 * at most `maxFiller` characters (a surrogate pair, such as the emoji 🍓, counts once;
 * variation selectors and joiners not at all), none of the BREAKERS, and not only ASCII
 * letters: digits with letters between them are one token, a hex address or a serial
 * ("0x7a3f9cb2…" would read as 073 9 2…), not a number written in parts. Null otherwise.
 */
function nextGroup(text: string, from: number, maxFiller: number): DigitRun | null {
  let count = 0;
  let lettersOnly = true;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isAsciiDigit(code)) return lettersOnly ? null : groupAt(text, i);
    if (!isLowerAsciiAlphanumeric(code)) lettersOnly = false;
    if (BREAKERS.has(code)) return null;
    if ((code >= 0xdc00 && code <= 0xdfff) || code === 0xfe0f || code === 0x200d) continue;
    if (++count > maxFiller) return null;
  }
  return null;
}

/** The longest valid number made of whole groups from `first` on, or null. */
function longestNumber(text: string, first: DigitRun, kind: StartKind, plan: NumberPlan): Candidate | null {
  const [minLength, maxLength] = plan.lengths;
  let digits = '';
  let best: Candidate | null = null;
  for (let group: DigitRun | null = first; group !== null; group = nextGroup(text, group.end, plan.maxFiller)) {
    digits += text.slice(group.start, group.end);
    // National significant number: without the trunk 0, or without the calling code and the
    // "(0)" some write after it ("+81 (0)90…").
    let national = kind === 'national' ? digits.slice(1) : digits.slice(plan.callingCode.length);
    if (kind === 'international' && national.charCodeAt(0) === 0x30) national = national.slice(1);
    if (national.length > maxLength) break;
    if (national.length < minLength) continue;
    const number = plan.validate(national);
    if (number === null) continue;
    best = { start: numberStart(text, first.start, first.end, kind), end: group.end, value: number };
  }
  return best;
}

/** Where the reported span starts: at '+' before the calling code, or at '(' in "(03)1234-5678". */
function numberStart(text: string, start: number, end: number, kind: StartKind): number {
  if (start === 0) return start;
  const before = text.charCodeAt(start - 1);
  if (kind === 'international') return before === 0x2b ? start - 1 : start;
  return before === 0x28 && text.charCodeAt(end) === 0x29 ? start - 1 : start;
}
