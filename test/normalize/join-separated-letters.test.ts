import { describe, expect, it } from 'vitest';
import { joinSeparatedLetters } from '../../src/normalize/join-separated-letters.js';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';

// Inputs are written as the step receives them: lower-case ASCII, hiragana.
const join = (text: string) => joinSeparatedLetters(identityMapped(text));

describe('joinSeparatedLetters', () => {
  it.each([
    ['flowers between letters', 'l🌸i🌸n🌸e', 'line'],
    ['middle dots between kana', 'ら・い・ん', 'らいん'],
    ['dots between letters', 'l.i.n.e', 'line'],
    ['a dotted word ending a sentence', 'l.i.n.e. です', 'line. です'],
    ['a different symbol before the run stays', 'id→l🌸i🌸n🌸e', 'id→line'],
    ['diamonds', 'd🔹i🔹s🔹c🔹o🔹r🔹d', 'discord'],
    ['two ASCII letters and the word they start', 'q🔸r🔸こーど', 'qrこーど'],
    ['single digits with middle dots', '0・9・0', '090'],
    ['digits with music notes', '0♪8♪0♪1', '0801'],
    ['stars and kanji', '電★話★番★号', '電話番号'],
    ['spaced middle dots', 'ら ・ い ・ ん', 'らいん'],
    ['mixed letters and digits', 'l・1・n・e', 'l1ne'],
    ['separator up to three symbols', 'l☆☆☆i☆☆☆n☆☆☆e', 'line'],
    ['a long dotted phone number', '0.9.0.1.2.3.4.5.6.7.8', '09012345678'],
    ['a run followed by a particle', 'ら・い・ん の id は yuzu_pon3', 'らいんの id は yuzu_pon3'],
    ['pointing hands around the word', '👉l👉i👉n👉e👉', '👉line👉'],
  ])('%s', (_case, input, expected) => {
    expect(join(input).text).toBe(expected);
  });

  it.each([
    ['an e-mail address', 'ryoko.s9@gmail.com'],
    ['an address with a one-letter part', 't.hoshino@x.jp'],
    ['dotted initials in an address', 'a.b.c@x.jp'],
    ['a version', 'ver.2.3.1'],
    ['a short dotted number', '1.2.3'],
    ['a date', '2024/11/20'],
    ['a phone number', '090-1234-5678'],
    ['a thousands separator', '合計1,080円です'],
    ['a comma list', 'a, b, c'],
    ['weekdays before a word', '月・水・金の夜'],
    ['two letters continuing a word', 'ぷらんa・b・c'],
    ['two kana and a word', 'あ・い・うえお'],
    ['an ellipsis of dots', 'え・・・ほんと?'],
    ['separators longer than three', 'l・・・・i・・・・n・・・・e'],
    ['plain Japanese', 'ラインで話しましょう、よろしくね♪'],
    ['spaced letters (joinSpacedCharacters does these)', 'ら\nい\nん'],
  ])('leaves %s alone', (_case, input) => {
    const mapped = identityMapped(input);
    expect(joinSeparatedLetters(mapped)).toBe(mapped);
  });

  it('maps the joined word to the decorated original', () => {
    const mapped = join('id→l🌸i🌸n🌸e');
    expect(mapped.text).toBe('id→line');
    expect(originalSpan(mapped, 3, 7)).toEqual([3, 13]);
  });
});
