import { mapCodeUnits, type MappedText } from './mapped-text.js';

/**
 * Lower-case letters of other scripts that render like a Latin letter (case is already
 * folded, so upper-case look-alikes arrive here lower-cased: Cyrillic Н → н → 'h').
 * Cyrillic and Greek as used to spoof "LINE"/"gmail", plus the IPA and small-capital
 * letters of "fancy text" generators (ʟɪɴᴇ). Letters that only resemble digits (з, б) are
 * left alone: turning letters into digits would invent phone numbers.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', г: 'r', е: 'e', ё: 'e', є: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n',
  р: 'p', с: 'c', т: 't', у: 'y', ў: 'y', х: 'x', ь: 'b', ѕ: 's', і: 'i', ї: 'i', ј: 'j',
  һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ѵ: 'v',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', ϵ: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v',
  ο: 'o', ρ: 'p', ϱ: 'p', σ: 'o', τ: 't', υ: 'u', χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j',
  // Latin IPA and small capitals
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ɩ: 'i', ɪ: 'i', ʟ: 'l', ɴ: 'n', ʀ: 'r', ʏ: 'y', ʙ: 'b',
  ʜ: 'h', ɢ: 'g', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴊ: 'j', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o', ᴘ: 'p',
  ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ꜱ: 's',
};

/**
 * Look-alikes live in two small ranges (Latin extensions to Cyrillic, and the phonetic
 * small capitals) plus ꜱ; a unit outside them, like every kana and kanji, costs two compares.
 */
const NEAR_FIRST = 0x131;
const NEAR_END = 0x530;
const SMALL_CAPITALS_FIRST = 0x1d00;
const SMALL_CAPITALS_END = 0x1d23;
const SMALL_CAPITAL_S = 0xa731;
const NEAR = new Uint16Array(NEAR_END - NEAR_FIRST);
const SMALL_CAPITALS = new Uint16Array(SMALL_CAPITALS_END - SMALL_CAPITALS_FIRST);
for (const [letter, latin] of Object.entries(LOOKALIKES)) {
  const code = letter.charCodeAt(0);
  if (code >= NEAR_FIRST && code < NEAR_END) NEAR[code - NEAR_FIRST] = latin.charCodeAt(0);
  else if (code >= SMALL_CAPITALS_FIRST && code < SMALL_CAPITALS_END) {
    SMALL_CAPITALS[code - SMALL_CAPITALS_FIRST] = latin.charCodeAt(0);
  } else if (code !== SMALL_CAPITAL_S) {
    throw new Error(`look-alike ${letter} (U+${code.toString(16)}) is outside the ranges latinLookalike reads`);
  }
}

/**
 * Step 4: replaces Cyrillic, Greek and small-capital look-alikes with the Latin letter they
 * imitate, one code unit for one ("lіnе" with Cyrillic і and е reads "line").
 * @example foldConfusables(identityMapped('gmаil')).text // 'gmail' (Cyrillic а)
 */
export function foldConfusables(input: MappedText): MappedText {
  return mapCodeUnits(input, latinLookalike);
}

function latinLookalike(code: number): number {
  if (code < NEAR_FIRST) return code;
  if (code < NEAR_END) return NEAR[code - NEAR_FIRST] || code;
  if (code >= SMALL_CAPITALS_FIRST && code < SMALL_CAPITALS_END) {
    return SMALL_CAPITALS[code - SMALL_CAPITALS_FIRST] || code;
  }
  return code === SMALL_CAPITAL_S ? 0x73 : code;
}
