import { describe, expect, it } from 'vitest';
import { patternDetector } from '../../src/detectors/pattern.js';
import { inputOf } from './env.js';
import { env } from './env.js';

describe('pattern', () => {
  const detector = patternDetector.create({ patterns: ['手数料[^。]{0,8}(?:かから|なし)', 'id[:\\s]*(?<span>[a-z0-9_]{3,20})'] }, env);

  it.each([
    ['手数料のかからない方法で', '手数料のかから'],
    ['手数料なしで', '手数料なし'],
  ])('reports the whole match in %j', (text, expected) => {
    const input = inputOf(text);
    expect(detector.find(input).map((c) => input.normalized.text.slice(c.start, c.end))).toEqual([expected]);
  });

  it('narrows the span to the named group `span`', () => {
    const input = inputOf('ID: kenta_88');
    expect(detector.find(input).map((c) => input.normalized.text.slice(c.start, c.end))).toEqual(['kenta_88']);
  });

  it('runs on normalized text (full-width, katakana folded)', () => {
    const input = inputOf('ＩＤ：ｋｅｎｔａ');
    expect(detector.find(input)).toHaveLength(1);
  });

  it('finds nothing in unrelated text', () => {
    expect(detector.find(inputOf('手数料を考慮して価格を設定しました'))).toEqual([]);
  });
});
