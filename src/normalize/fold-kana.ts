import { mapCodeUnits, type MappedText } from './mapped-text.js';

/** Katakana ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above their hiragana ぁ … ゖ. */
const KATAKANA_FIRST = 0x30a1;
const KATAKANA_LAST = 0x30f6;
const KANA_OFFSET = 0x60;
/** Iteration marks ヽヾ → ゝゞ. */
const KATAKANA_ITERATION = 0x30fd;
const KATAKANA_VOICED_ITERATION = 0x30fe;

/**
 * Step 5: katakana → hiragana, one unit for one, so "ライン", "らいん" and "ﾗｲﾝ" (already
 * full-width after foldWidth) all read "らいん". The long vowel 'ー' and the middle dot '・'
 * are shared by both scripts and stay; ヷ–ヺ have no hiragana form and stay too.
 * @example foldKana(identityMapped('ライン')).text // 'らいん'
 */
export function foldKana(input: MappedText): MappedText {
  return mapCodeUnits(input, hiraganaOf);
}

const hiraganaOf = (code: number): number =>
  (code >= KATAKANA_FIRST && code <= KATAKANA_LAST) ||
  code === KATAKANA_ITERATION ||
  code === KATAKANA_VOICED_ITERATION
    ? code - KANA_OFFSET
    : code;
