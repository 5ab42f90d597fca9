import { foldKana } from './fold-kana.js';
import { identityMapped } from './mapped-text.js';

/**
 * Folds katakana to hiragana in a rule's regular expression, so authors may write
 * "ライン" in a pattern that runs on normalized (hiragana) text. Only kana is folded: case or
 * width folding would change the meaning of a regex (`\D` is not `\d`, `（` is not `(`).
 * @example foldPatternSource('ライン(?:で|に)') // 'らいん(?:で|に)'
 */
export function foldPatternSource(source: string): string {
  return foldKana(identityMapped(source)).text;
}
