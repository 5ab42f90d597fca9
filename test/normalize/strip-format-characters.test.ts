import { describe, expect, it } from 'vitest';
import { identityMapped, originalSpan } from '../../src/normalize/mapped-text.js';
import { stripFormatCharacters } from '../../src/normalize/strip-format-characters.js';

const strip = (text: string) => stripFormatCharacters(identityMapped(text));

describe('stripFormatCharacters', () => {
  it.each([
    ['zero-width space inside a word', 'L\u200BI\u200BN\u200BE', 'LINE'],
    ['zero-width joiner and non-joiner', 'ら\u200Dい\u200Cん', 'らいん'],
    ['direction marks and embeddings', '\u202Ekenta\u202C88\u200E', 'kenta88'],
    ['bidi isolates', '\u2066090\u2069', '090'],
    ['word joiner and invisible operators', '0\u20609\u20630', '090'],
    ['byte order mark', '\uFEFFline', 'line'],
    ['soft hyphen', 'gm\u00ADail', 'gmail'],
    ['Mongolian vowel separator', 'l\u180Eine', 'line'],
    ['variation selector', '★\uFE0F', '★'],
    ['emoji keycap digits', '0\uFE0F\u20E39\uFE0F\u20E30\uFE0F\u20E3', '090'],
    ['ideographic variation selector (astral)', '辻\u{E0100}', '辻'],
    ['emoji tag sequence', '🏴\u{E0067}\u{E0062}\u{E007F}', '🏴'],
    ['Hangul filler used as a blank', 'L\u3164I\uFFA0NE', 'LINE'],
  ])('%s', (_case, input, expected) => {
    expect(strip(input).text).toBe(expected);
  });

  it.each([
    ['plain Japanese', 'こんにちは、よろしくお願いします。'],
    ['emoji ZWJ-free text', '🌸ありがとう🌸'],
    ['ordinary spaces and newlines', 'a b\nc\td'],
    ['the kana long vowel', 'ラーメン'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(stripFormatCharacters(mapped)).toBe(mapped);
  });

  it('maps the joined word back over the removed characters', () => {
    const mapped = strip('ID: L\u200BI\u200BN\u200BE');
    expect(mapped.text).toBe('ID: LINE');
    expect(originalSpan(mapped, 4, 8)).toEqual([4, 11]);
  });
});
