import { describe, expect, it } from 'vitest';
import { decodeSpelledSymbols } from '../../src/normalize/decode-spelled-symbols.js';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';

// Inputs are written as the step receives them: hiragana, lower-case ASCII, ASCII brackets.
const decode = (text: string) => decodeSpelledSymbols(identityMapped(text));

describe('decodeSpelledSymbols', () => {
  it.each([
    ['spaced あっと and どっと', 'tomo.h0721 あっと gmail どっと com に送ってね', 'tomo.h0721@gmail.com に送ってね'],
    ['点 between address tokens', 'kenji 点 oda あっと yahoo 点 co 点 jp', 'kenji.oda@yahoo.co.jp'],
    ['tortoise-shell brackets', 'koharu12〔at〕yahoo〔dot〕co〔dot〕jp', 'koharu12@yahoo.co.jp'],
    ['bracketed あっと and てん', 'natsume_sho(あっと)icloud(てん)com', 'natsume_sho@icloud.com'],
    ['bracketed katakana forms, kana-folded', 'nao-sketch(あっと)gmail(どっと)com', 'nao-sketch@gmail.com'],
    ['あっとまーく', 'shiro_neko あっとまーく outlook.jp', 'shiro_neko@outlook.jp'],
    ['(at) and [dot]', 'yui(at)example[dot]org', 'yui@example.org'],
    ['<at> and {at}', 'a1<at>b2.jp c3{at}d4.jp', 'a1@b2.jp c3@d4.jp'],
    ['[.] and (.)', 'mail@site[.]co(.)jp', 'mail@site.co.jp'],
    ['(てん) alone', 'idはtanaka(てん)hanakoです', 'idはtanaka.hanakoです'],
    ['(dot) alone', 'site: tanaka(dot)jp', 'site: tanaka.jp'],
    ['【あっと】', 'riku【あっと】gmail.com', 'riku@gmail.com'],
    ['@まーく', 'sora @まーく gmail.com', 'sora@gmail.com'],
    ['spelled English address', 'taro at gmail dot co dot jp', 'taro@gmail.co.jp'],
    ['English dot after a real @', 'taro@gmail dot com', 'taro@gmail.com'],
    ['explained substitute mark', 'kotonoha.writing★gmail.com(★を@に変えてください)', 'kotonoha.writing@gmail.com(★を@に変えてください)'],
    ['explained emoji for @ then .', 'miorin_98 🌀 gmail 🌀 com(🌀を@と.に置き換えてね)', 'miorin_98@gmail.com(🌀を@と.に置き換えてね)'],
    ['explanation with an arrow', 'hana※yahoo.co.jp ※→@', 'hana@yahoo.co.jp ※→@'],
    ['explanation before the address', '■は@に直してね: mei■gmail.com', '■は@に直してね: mei@gmail.com'],
  ])('%s', (_case, input, expected) => {
    expect(decode(input).text).toBe(expected);
  });

  it.each([
    ['あっという間に', 'あっという間に完成しましたね!'],
    ['ドット柄', 'どっと柄のワンピース'],
    ['ドット at the start of a sentence', 'どっとの間隔は8pxにしました'],
    ['あっと without an address on the right', 'mikaさん、あっと驚く仕上がりです'],
    ['a score with 点', 'a 5点 b'],
    ['English "at" in prose', 'look at google.com and meet at noon'],
    ['a mark without an explanation', 'a★b★c'],
    ['an explanation without that mark between tokens', '★を@に変えてください'],
    ['単価@', '単価@350円×20枚'],
    ['English words with "at" and "dot" inside', 'the data format is dotted'],
    ['a deletion verb without a mark', 'ゴミを取ってください'],
  ])('leaves %s alone', (_case, input) => {
    const mapped = identityMapped(input);
    expect(decodeSpelledSymbols(mapped)).toBe(mapped);
  });

  it('maps the decoded @ back to the spelled word and its spaces', () => {
    const mapped = decode('tomo あっと gmail');
    expect(mapped.text).toBe('tomo@gmail');
    expect(originalSpan(mapped, 4, 5)).toEqual([4, 9]);
    expect(originalSpan(mapped, 0, 10)).toEqual([0, 14]);
  });
});
