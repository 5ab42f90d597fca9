import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disguisedBrandSource, foldBrandConfusables } from '../../src/normalize/fold-brand-confusables.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldBrandConfusables(identityMapped(text));

describe('foldBrandConfusables', () => {
  it.each([
    ['digit one for l', 'l1ne', 'line'],
    ['pipe for l', '|ine', 'line'],
    ['one for the first l', '1ine', 'line'],
    ['three for e', 'lin3', 'line'],
    ['zeros for o', 'z00m', 'zoom'],
    ['gmail with a one', 'gma1l.com', 'gmail.com'],
    ['gmail with a nine', '9mail', 'gmail'],
    ['skype with a five', '5kype', 'skype'],
    ['instagram and insta', '1nstagram lnsta', 'instagram insta'],
    ['discord', 'd1sc0rd', 'discord'],
    ['paypay and paypal', 'p4yp4y paypa1', 'paypay paypal'],
    ['telegram, twitter, facebook', 't3legram tw1tter faceb00k', 'telegram twitter facebook'],
    ['tiktok, wechat, kakaotalk', 't1kt0k w3chat kaka0talk', 'tiktok wechat kakaotalk'],
    ['inside Japanese', 'l1neで話そう', 'lineで話そう'],
    ['before an exclamation mark', 'l1ne!', 'line!'],
    ['before an underscore', 'l1ne_id', 'line_id'],
  ])('%s', (_case, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it.each([
    ['the plain name', 'line'],
    ['a longer word', 'online'],
    ['a word starting with 1i', '1inch'],
    ['いいね in romaji', 'iine'],
    ['digits inside a longer token', 'l1ne2'],
    ['Japanese', 'ラインで話そう'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(foldBrandConfusables(mapped)).toBe(mapped);
  });

  it('keeps the map: one unit for one', () => {
    const input = identityMapped('id l1ne');
    const folded = foldBrandConfusables(input);
    expect(folded.starts).toBe(input.starts);
    expect(folded.ends).toBe(input.ends);
  });
});

describe('disguisedBrandSource', () => {
  /** [index, match] of every match. */
  const matches = (source: string, text: string): [number, string][] => [...text.matchAll(new RegExp(source, 'g'))].map((m) => [m.index, m[0]]);

  it('finds the same words with the look-behind after the first letter as in front (property)', () => {
    // Brand letters, their look-alikes, word characters and what ends a word.
    const unit = fc.constantFrom('l', '1', '|', 'i', '!', 'n', 'e', '3', 'z', 'o', '0', 'm', '$', 's', '5', 'k', 'y', 'p', 'a', '4', 'g', '9', 't', 'w', 'r', 'c', 'h', 'd', 'b', 'f', 'x', ' ', 'で', 'l1ne', 'z00m', 'p4yp4y');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }).map((units) => units.join('')), (text) => {
        expect(matches(disguisedBrandSource('moved'), text)).toEqual(matches(disguisedBrandSource('front'), text));
      }),
      { numRuns: 20000 },
    );
  });
});
