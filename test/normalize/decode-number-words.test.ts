import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNumberRuns, decodeNumberWords } from '../../src/normalize/decode-number-words.js';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';
import { textsFrom } from './fuzz-texts.js';

// Inputs are written as the step receives them: hiragana, lower-case ASCII, '-' for dashes.
const decode = (text: string) => decodeNumberWords(identityMapped(text));

describe('decodeNumberWords', () => {
  it.each([
    ['readings with middle dots and a comma', 'ぜろ・きゅー・ぜろ、はち・はち・いち・ご', '090、8815'],
    ['readings in groups', 'ぜろきゅうぜろ よんよんろくぜろ', '090 4460'],
    ['readings, kanji and digits mixed', '090-ご1八3-ななよん9ぜろ', '090-5183-7490'],
    ['readings before a particle', 'ぜろきゅうぜろ よんよんろくぜろ にーはちいちきゅう に掛けてください', '090 4460 2819 に掛けてください'],
    ['kanji digits', 'お急ぎの場合は 〇九〇-五五二一-八三七四 まで', 'お急ぎの場合は 090-5521-8374 まで'],
    ['大字', '電話:零九零-参弐壱七-伍伍八〇', '電話:090-3217-5580'],
    ['old 大字', '壹貳參肆', '1234'],
    ['three tokens starting with zero', 'ぜろきゅうぜろのばんごう', '090のばんごう'],
    ['れい and まる as zero', 'れいはちれい まるきゅうまる', '080 090'],
    ['spaced single readings', 'ぜろ きゅう ぜろ いちにさんよん', '090 1234'],
    ['a long run touching words', 'でんわはぜろきゅうぜろいちにさんよんごろくななはちです', 'でんわは09012345678です'],
    ['long vowel variants', 'ごーごおきゅーにー', '5592'],
    ['にいち is 2-1', 'ぜろにいち', '021'],
    ['しち as 7', 'しちしちしちぜろ', '7770'],
    ['English words', 'zero nine zero one two three four', '0901234'],
    ['English words glued together', 'zeroeightzero', '080'],
  ])('%s', (_case, input, expected) => {
    expect(decode(input).text).toBe(expected);
  });

  it.each([
    ['ご確認', 'ご確認ください'],
    ['にさん日 (two tokens)', 'にさん日お待ちください'],
    ['いちご', 'いちごのケーキ'],
    ['一二月', '一二月'],
    ['a blank placeholder', '〇〇'],
    ['a placeholder name', '〇〇さん、まるまるさん'],
    ['二次元コード', '二次元コード'],
    ['ゼロから', 'ぜろから作り直します'],
    ['さんにお願い', 'さんにお願い'],
    ['readings inside words', 'きれいにさんぽ'],
    ['readings inside a sentence', 'おかあさんにいちごをあげる'],
    ['a particle after a number', '090-1234-5678にご連絡ください'],
    ['an honorific after digits', '1234 ご確認'],
    ['a repeated sound', 'ごごごご'],
    ['English number words inside words', 'someone 1234 phone'],
    ['digits only', '合計1,080円、2500×1686px'],
    ['counting 七五三', '七五三'],
    ['a QR reading', 'きゅーあーるこーど'],
  ])('leaves %s alone', (_case, input) => {
    const mapped = identityMapped(input);
    expect(decodeNumberWords(mapped)).toBe(mapped);
  });

  // A run of ASCII digits is skipped before tokenizing; one spelled digit in it is enough.
  it.each([...'〇一二三四五六七八九零壱壹弐貳参參肆伍陸漆捌玖'])('decodes %s among ASCII digits', (kanji) => {
    expect(decode(`090-12${kanji}4-5678`).text).toMatch(/^090-12[0-9]4-5678$/);
  });

  // The pretest takes a run of ASCII digits in one step: its length still counts on both sides.
  it.each([...'〇一八九零壱肆'])('decodes %s right before and right after three ASCII digits', (kanji) => {
    expect(decode(`${kanji}123`).text).toMatch(/^[0-9]123$/);
    expect(decode(`123${kanji}`).text).toMatch(/^123[0-9]$/);
    expect(decode(`tel ${kanji} 123`).text).toMatch(/^tel [0-9] 123$/);
  });

  it('maps each decoded digit to its own word', () => {
    const mapped = decode('tel: きゅうぜろぜろいち');
    expect(mapped.text).toBe('tel: 9001');
    expect(originalSpan(mapped, 5, 6)).toEqual([5, 8]);
    expect(originalSpan(mapped, 5, 9)).toEqual([5, 14]);
  });

  it('stops early only on texts where reading every run would change nothing', () => {
    // Readings, their look-alike prefixes (に, き, ち), digits, separators and prose around them.
    const pieces = [
      'ぜろ', 'れい', 'まる', '〇', '零', 'zero', 'いち', '一', '壱', 'one', 'に', 'にー', 'にい', 'ち', 'さん', '三', 'three',
      'よん', '四', 'ご', 'ごー', 'ごお', '五', 'ろく', 'なな', 'しち', 'はち', 'きゅう', 'きゅー', 'きゅ', '九', 'nine', 'seven',
      'six', 'eight', 'two', 'four', 'five', '0', '1', '5', '9', '123', '4567', ' ', '・', ',', '、', '-', '~', '\n', 'あ', 'か', 'ゅ', 'ー', 'う',
      'z', 'e', 'r', 'o', 'n', 't', 'w', 'h', 's', 'i', 'x', 'ご確認', 'さんぽ', 'きれい',
    ];
    fc.assert(
      fc.property(textsFrom(pieces, 30), (text) => {
        const input = identityMapped(text);
        const screened = decodeNumberWords(input);
        const read = decodeNumberRuns(input);
        expect(screened.text).toBe(read.text);
        expect([...screened.starts]).toEqual([...read.starts]);
        expect(screened === input).toBe(read === input);
      }),
      { numRuns: 20000 },
    );
  });
});
