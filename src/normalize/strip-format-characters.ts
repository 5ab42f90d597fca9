import { replaceMatches, type MappedText } from './mapped-text.js';

/**
 * Invisible characters that only exist to split a word for the eye-less reader: zero-width
 * space/joiners and direction marks (U+200B–U+200F), bidi embeddings and isolates
 * (U+202A–U+202E, U+2066–U+2069), word joiner and invisible operators (U+2060–U+2064),
 * BOM (U+FEFF), soft hyphen, Mongolian vowel separator, combining grapheme joiner, Arabic
 * letter mark, Hangul fillers (which render as blanks, U+FFA0 included because NFKC turns it
 * into U+3164), variation selectors (so "0️⃣" keeps its digit), the keycap enclosure U+20E3
 * and tag characters (emoji tag sequences).
 */
const FORMAT_CHARACTERS =
  /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u20E3\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}]+/gu;

/**
 * Step 1: removes zero-width, format and other invisible characters, so that "L\u200BINE"
 * and the emoji keycap "0️⃣" read as "LINE" and "0". The characters around a removed run
 * keep their own offsets; a match spanning the gap maps to an original span that includes it.
 * @example stripFormatCharacters(identityMapped('0\uFE0F\u20E3')).text // '0'
 */
export function stripFormatCharacters(input: MappedText): MappedText {
  return replaceMatches(input, FORMAT_CHARACTERS, () => '');
}
