import { describe, expect, it } from 'vitest';
import { foldBrandConfusables } from '../../src/normalize/fold-brand-confusables.js';
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
