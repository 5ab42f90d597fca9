import { ANYTHING_SEEN, type CharactersSeen } from './characters-seen.js';
import { replaceMatches, type MappedText } from './mapped-text.js';

/**
 * Letters that stand in for digits inside a number: "09O-12З4-5678" (Latin O, Cyrillic З).
 * Case is already folded, so each is listed once.
 */
const DIGIT_FOR: Readonly<Record<string, string>> = { o: '0', 'о': '0', i: '1', l: '1', '|': '1', 'з': '3', s: '5', b: '8', z: '2' };

/**
 * A run of digits, look-alike letters and hyphens that is not part of a longer word. Bounded
 * (at most 24 characters) so that a scan stays linear whatever the text.
 */
const NUMBER_LIKE = /(?<![a-zа-я0-9])[0-9oiаlзsbzо|][0-9oilзsbzо|-]{2,23}(?![a-zа-я0-9])/g;
const MAY_HAVE_LOOKALIKE = /[0-9][oilзsbzо|]|[oilзsbzо|][0-9]/;

/**
 * Whether a character is one of the letters this step reads as a digit (for foldCharacters,
 * which notes where one stands beside a digit).
 * @example isDigitLookalike('o') // true
 */
export const isDigitLookalike = (char: string): boolean => Object.hasOwn(DIGIT_FOR, char);

/**
 * Step 5: inside a run as long as a phone number (seven or more letters and digits) that is
 * mostly digits (60 % or more), letters that look like digits become those digits:
 * "09o-12з4-5678" → "090-1234-5678". Words and short codes ("solo", "b2b", "iso9001",
 * "1990s") stay.
 * @example foldDigitLookalikes(identityMapped('09o-12з4-5678')).text // '090-1234-5678'
 */
export function foldDigitLookalikes(input: MappedText, seen: Readonly<CharactersSeen> = ANYTHING_SEEN): MappedText {
  if (!seen.digitNextToLookalike || !MAY_HAVE_LOOKALIKE.test(input.text)) return input;
  return replaceMatches(input, NUMBER_LIKE, (match) => {
    const run = match[0];
    let digits = 0;
    let lookalikes = 0;
    for (const ch of run) {
      if (ch >= '0' && ch <= '9') digits++;
      else if (ch !== '-') lookalikes++;
    }
    // Long enough to be a phone number (7+ characters), and mostly digits (60 %+).
    if (lookalikes === 0 || digits + lookalikes < 7 || digits * 5 < (digits + lookalikes) * 3) return null;
    let out = '';
    for (const ch of run) out += DIGIT_FOR[ch] ?? ch;
    return out;
  });
}
