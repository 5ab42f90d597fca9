import { mapCodeUnits, type MappedText } from './mapped-text.js';

/** Case folding covers Latin, Greek, Cyrillic and Armenian: everything below U+0590. */
const LIMIT = 0x590;

/**
 * Greek capitals whose lower-case form looks like a *different* Latin letter (Ν→ν reads 'v',
 * Η→η reads 'n'). Once lower-cased, nothing can tell which letter the writer imitated, so
 * these go straight to the Latin letter the capital looks like. Cyrillic needs no such
 * exception: н, м, т, в… still resemble H, M, T, B (see foldConfusables).
 */
const GREEK_CAPITAL_LOOKALIKES: Readonly<Record<string, string>> = {
  Β: 'b',
  Η: 'h',
  Μ: 'm',
  Ν: 'n',
  Υ: 'y',
  Ζ: 'z',
};

const LOWER = buildLowerTable();

/**
 * Step 3: lower-cases ASCII, Latin-1/Extended, Greek, Cyrillic and Armenian one code unit at a
 * time (characters whose lower case is longer, like 'İ', are left alone), so the map is
 * unchanged. A few Greek capitals fold to the Latin letter they imitate (see above).
 * @example foldCase(identityMapped('LINE Ｉd')).text // 'line Ｉd' (full-width is foldWidth's job, which runs first)
 */
export function foldCase(input: MappedText): MappedText {
  return mapCodeUnits(input, lowerCodeUnit);
}

const lowerCodeUnit = (code: number): number => (code < LIMIT ? LOWER[code]! : code);

function buildLowerTable(): Uint16Array {
  const table = new Uint16Array(LIMIT);
  for (let code = 0; code < LIMIT; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    table[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
  }
  for (const [capital, latin] of Object.entries(GREEK_CAPITAL_LOOKALIKES)) {
    table[capital.charCodeAt(0)] = latin.charCodeAt(0);
  }
  return table;
}
