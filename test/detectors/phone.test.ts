import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { insideSpacedCode, phoneDetector, type PhoneOptions } from '../../src/detectors/phone.js';
import type { DetectorEnv } from '../../src/detectors/types.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

// The phone detector reads no keywords, so it needs no normalizing environment.
const env = {} as DetectorEnv;

/** [span, value] of every number found in an already-normalized text. */
function find(text: string, options: PhoneOptions = {}): [string, string | undefined][] {
  const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
  return phoneDetector.create(options, env).find(input).map((c) => [text.slice(c.start, c.end), c.value]);
}

describe('phone detector', () => {
  it.each([
    // mobiles, IP phones, landlines, toll-free and navi-dial numbers
    ['090-4418-2371', '090-4418-2371', '+819044182371'],
    ['09044182371', '09044182371', '+819044182371'],
    ['050-1234-5678', '050-1234-5678', '+815012345678'],
    ['tel:03-1234-5678', '03-1234-5678', '+81312345678'],
    ['(03)1234-5678', '(03)1234-5678', '+81312345678'],
    ['営業時間10:00-18:00 tel 06-6123-4567', '06-6123-4567', '+81661234567'],
    ['0120-123-456', '0120-123-456', '+81120123456'],
    ['0800-123-4567', '0800-123-4567', '+818001234567'],
    ['0570-123-456', '0570-123-456', '+81570123456'],
    // international forms
    ['+81 90 5521 3307', '+81 90 5521 3307', '+819055213307'],
    ['+81-(0)90-5521-3307', '+81-(0)90-5521-3307', '+819055213307'],
    ['81 90 5521 3307', '81 90 5521 3307', '+819055213307'],
    ['wa.me/818056723319', '818056723319', '+818056723319'],
    // separators
    ['090 5521 3307', '090 5521 3307', '+819055213307'],
    ['090.5521.3307', '090.5521.3307', '+819055213307'],
    ['090・5521・3307', '090・5521・3307', '+819055213307'],
    ['090、5521、3307', '090、5521、3307', '+819055213307'],
    ['090,5521,3307', '090,5521,3307', '+819055213307'],
    ['090/5521/3307', '090/5521/3307', '+819055213307'],
    ['090~5521~3307', '090~5521~3307', '+819055213307'],
    ['090🍓5521🍓3307', '090🍓5521🍓3307', '+819055213307'],
    ['090\n77\n21\n58\n03', '090\n77\n21\n58\n03', '+819077215803'],
    // filler words between the groups
    ['070の、えーと、3381の、6620です', '070の、えーと、3381の、6620', '+817033816620'],
    ['最初は080\n次は5530\n最後は9127', '080\n次は5530\n最後は9127', '+818055309127'],
    ['電話は090 5521 3307です', '090 5521 3307', '+819055213307'],
    // numbers next to dates, prices, addresses and order numbers
    ['2024/11/20に090-4418-2371へ', '090-4418-2371', '+819044182371'],
    ['合計 0円 30,000円 090-4418-2371', '090-4418-2371', '+819044182371'],
    ['注文番号48192207、090-4418-2371', '090-4418-2371', '+819044182371'],
    ['〒150-0001 東京都渋谷区神宮前1-2-3 03-1234-5678', '03-1234-5678', '+81312345678'],
    // the trunk 0 on its own, with no other group of the text starting 0 and a digit
    ['連絡先は0 90-1234-5678です', '0 90-1234-5678', '+819012345678'],
    ['0-90-1234-5678', '0-90-1234-5678', '+819012345678'],
    ['0、3、1234、5678', '0、3、1234、5678', '+81312345678'],
  ])('finds the number in %j', (text, span, value) => {
    expect(find(text)).toEqual([[span, value]]);
  });

  it.each([
    ['03-1234-5678 / 090-4418-2371', [['03-1234-5678', '+81312345678'], ['090-4418-2371', '+819044182371']]],
    ['03-1234-5678/090-4418-2371', [['03-1234-5678', '+81312345678'], ['090-4418-2371', '+819044182371']]],
    ['080-1234-5678 と 080-8765-4321', [['080-1234-5678', '+818012345678'], ['080-8765-4321', '+818087654321']]],
  ])('finds every number in %j', (text, expected) => {
    expect(find(text)).toEqual(expected);
  });

  it.each([
    ['2024/11/20', 'a date'],
    ['2024/01/05 09:30', 'a date and a time'],
    ['11月20日 14:00〜15:30', 'a date and a time range'],
    ['00:12:35', 'a duration'],
    ['5,000円', 'a price'],
    ['30,000円', 'a price'],
    ['合計30,000円、送料0円', 'prices'],
    ['〒150-0001', 'a postal code'],
    ['978-4-7741-9182-9', 'an ISBN'],
    ['isbn978-4-06-512345-6', 'an ISBN with a group starting with 0'],
    ['de89 3704 0044 0532 0130 00', 'an IBAN whose tail looks like a landline'],
    ['4980 1234 0312 3456', 'a card-like number grouped by fours'],
    ['4561234098769', 'a JAN code'],
    ['4587123000415', 'a JAN code'],
    ['注文番号48192207', 'an order number'],
    ['81234567890', 'a bare 81 that is no standalone calling code'],
    ['00-0000-0000', 'a placeholder'],
    ['090-xxxx-xxxx', 'a placeholder'],
    ['090-0000-0000', 'a placeholder: no subscriber number starts 0000'],
    ['090-1234-567', 'one digit short'],
    ['090-1234-56789', 'one digit too many'],
    ['1920x1080', 'a screen size'],
    ['ver.2.3.1', 'a version'],
    ['node 20.10.0', 'a version'],
    ['0.5mm', 'a measure'],
    ['+1 415 555 0100', 'another country'],
    ['0歳から9歳まで', 'ages'],
    // digits with only letters between them are one token, not a number in parts
    ['0x7a3f9cb2e41d0c88a5f1e9b62d7c3a4f0e2b1e6d', 'a wallet address whose digits would read 073 9 2 41 0 88'],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', 'a UUID'],
    ['注文id: 0a3b09c4d5e6f7a8b9', 'a hex id with a group starting 0 and a digit'],
    ['090x1234x5678', 'groups with letters between'],
  ])('finds no number in %j (%s)', (text) => {
    expect(find(text)).toEqual([]);
  });

  it('finds any mobile number however its groups are separated', () => {
    const separator = fc.constantFrom('-', ' ', '.', '・', '、', '/', '~', '🍓', '\n', 'の、', ')', 'えーと');
    fc.assert(fc.property(fc.constantFrom('090', '080', '070'), fc.stringMatching(/^[1-9][0-9]{7}$/), separator, separator, (prefix, subscriber, s1, s2) => {
      const written = `${prefix}${s1}${subscriber.slice(0, 4)}${s2}${subscriber.slice(4)}`;
      expect(find(`連絡先は${written}です`)).toEqual([[written, `+81${prefix.slice(1)}${subscriber}`]]);
    }));
  });

  describe('options', () => {
    it.each<[string, PhoneOptions, string, [string, string][]]>([
      ['maxFillerChars: 0 joins no groups', { maxFillerChars: 0 }, '090-4418-2371 09044182371', [['09044182371', '+819044182371']]],
      ['maxFillerChars: 2 joins across short separators only', { maxFillerChars: 2 }, '090-4418-2371 070の、えーと、3381の、6620', [['090-4418-2371', '+819044182371']]],
      ['region: GB finds British numbers', { region: 'GB' }, '07400 123456 / +44 20 7946 0958 / +81 90 5521 3307 / 03-1234-5678', [
        ['07400 123456', '+447400123456'],
        ['+44 20 7946 0958', '+442079460958'],
      ]],
      // The code's last digit is a 0, like the trunk's: the number still starts at the '+'.
      ['region: EG, whose calling code 20 ends in 0', { region: 'EG' }, '+20 101 234 5678 / 0101 234 5678', [
        ['+20 101 234 5678', '+201012345678'],
        ['0101 234 5678', '+201012345678'],
      ]],
    ])('%s', (_, options, text, expected) => {
      expect(find(text, options)).toEqual(expected);
    });

    it('rejects a region libphonenumber-js does not know', () => {
      expect(() => phoneDetector.create({ region: 'XX' }, env)).toThrow(/region "XX"/);
    });

    it.each([
      [{}, true],
      [{ region: 'JP', maxFillerChars: 6 }, true],
      [{ region: 'jp' }, false],
      [{ maxFillerChars: -1 }, false],
      [{ maxFiller: 6 }, false],
    ])('schema accepts %j: %s', (options, valid) => {
      expect(Value.Check(phoneDetector.meta.optionsSchema, options)).toBe(valid);
    });
  });
});

describe('insideSpacedCode', () => {
  // What it stands for: the regex over the 40 characters before the space, and the space.
  const TAIL = /(?:^|[^0-9a-z ]) ?(?:[0-9a-z]*[0-9][0-9a-z]* ){2,}$/;
  const byRegex = (text: string, spaceAt: number): boolean => TAIL.test(text.slice(Math.max(0, spaceAt - 40), spaceAt + 1));
  // Long single-spaced codes too, so that groups run past the window's start.
  const piece = fc.constantFrom('1', '07', '3704', 'de89', 'ab', 'x', 'a1b', ' ', ' ', '  ', '-', '+', '。', 'で', '(', '0', '12 34 56 78 90 ', ' 9 ');

  it('answers at every space as the regex does on its window', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) expect(insideSpacedCode(text, at)).toBe(byRegex(text, at));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['de89 3704 0044 0532 ', true],
    ['tel 03 1234 ', false],
    ['〒150 0001 ', true],
    ['a 12 34 ', false],
    ['12 34 ', true],
  ])('%j', (text, expected) => {
    expect(insideSpacedCode(text, text.length - 1)).toBe(expected);
    expect(byRegex(text, text.length - 1)).toBe(expected);
  });
});
