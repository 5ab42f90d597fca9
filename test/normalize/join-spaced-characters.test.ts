import { describe, expect, it } from 'vitest';
import { joinSpacedCharacters } from '../../src/normalize/join-spaced-characters.js';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';

const join = (text: string) => joinSpacedCharacters(identityMapped(text));

describe('joinSpacedCharacters', () => {
  it.each([
    ['spaced LINE before Japanese', 'L I N E のIDは', 'LINE のIDは'],
    ['spaced e-mail address', 'r y o k o . s 9 @ g m a i l . c o m', 'ryoko.s9@gmail.com'],
    ['spaced phone number', '0 9 0 2 2 3 4 8 8 1 9', '09022348819'],
    ['spaced brand before Japanese', 'c o c o n a l a を通さない', 'coconala を通さない'],
    ['two ASCII letters', 'Q R コード', 'QR コード'],
    ['one character per line', 'ら\nい\nん\nで\n話\nそ\nう\ni\nd\nmomo_42r', 'らいんで話そうid\nmomo_42r'],
    ['double spaces between groups stay', '0 9 0  1 2 3 4  5 6 7 8', '090  1234  5678'],
    ['kana spaced with ideographic-width gaps', 'ら  い  ん', 'らいん'],
    ['spaced URL', 'drive . google . com / drive / folders / 1Qw3eRtY7uIo', 'drive.google.com/drive/folders/1Qw3eRtY7uIo'],
    ['spaced scheme', 'h t t p s : / / yuzuriha-lab . com / price', 'https://yuzuriha-lab.com/price'],
    ['spaced meeting link', 'zoom . us / j / 9 4 8 1', 'zoom.us/j/9481'],
    ['spaced LINE link', 'line . me / ti / p / 7hQz-Lm2Rk', 'line.me/ti/p/7hQz-Lm2Rk'],
    ['spaced payment link', 'paypal . me / aozora_fx', 'paypal.me/aozora_fx'],
    ['spaced @ in an address', 'kenta @ gmail . com', 'kenta@gmail.com'],
    ['a spaced port', 'example . com : 8080 / app', 'example.com:8080/app'],
    ['an address split over lines', 'matsu.shun\n@\nicloud.com', 'matsu.shun@icloud.com'],
    ['a path after a joined host', 'zoom.us /j/948', 'zoom.us/j/948'],
  ])('%s', (_case, input, expected) => {
    expect(join(input).text).toBe(expected);
  });

  it.each([
    ['English prose', 'I am a boy'],
    ['Japanese with ordinary spaces', '今日は 晴れ です。明日 また 連絡します'],
    ['no whitespace at all', 'ラインで話そう'],
    ['a single spaced letter', 'プラン A でお願いします'],
    ['two spaced non-letters', '★ ★'],
    ['a date and time', '2024/11/20 10:00'],
    ['a period ending a sentence', 'Thanks . ありがとう'],
    ['a colon after a label', 'ID: kenta88'],
    ['a handle after a name', 'Instagram @studio_hako_jp'],
    ['a slash between a handle and a number', 'ID: nozomi_s1 / 070-2286-5139'],
    ['a colon before a time zone', 'Date:   Mon Nov 25'],
    ['a slash between words', 'Sサイズ / Mサイズ'],
  ])('leaves %s alone', (_case, input) => {
    const mapped = identityMapped(input);
    expect(joinSpacedCharacters(mapped)).toBe(mapped);
  });

  it('maps the joined word to the spaced letters', () => {
    const mapped = join('ID: L I N E');
    expect(mapped.text).toBe('ID: LINE');
    expect(originalSpan(mapped, 4, 8)).toEqual([4, 11]);
  });
});
