import { describe, expect, it } from 'vitest';
import { keywordDetector } from '../../src/detectors/keyword.js';
import { originalSpan } from '../../src/normalize/mapped-text.js';
import { env, inputOf } from './env.js';

const detector = keywordDetector.create(
  { words: ['LINE', 'ライン', 'X', 'QRコード'], notFollowedBy: ['スタンプ', '-height'], notPrecededBy: ['ガイド', 'アウト', 'オン'] },
  env,
);

const found = (text: string) => {
  const input = inputOf(text);
  return detector.find(input).map((c) => {
    const [s, e] = originalSpan(input.normalized, c.start, c.end);
    return text.slice(s, e);
  });
};

describe('keyword', () => {
  it.each([
    ['ＬＩＮＥで', ['ＬＩＮＥ']],
    ['ﾗｲﾝ交換', ['ﾗｲﾝ']],
    ['らいんで', ['らいん']],
    ['L I N E で', ['L I N E']],
    ['LINEID教えて', ['LINE']],
    ['X：@abc', ['X']],
    ['ＱＲコード送ります', ['ＱＲコード']],
  ])('finds %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['LINEスタンプを作ります'],
    ['line-heightを1.4に'],
    ['ガイドラインに沿って'],
    ['アウトラインはこの構成で'],
    ['オンラインで'],
    ['1920x1080で書き出し'],
    ['xxx@example.jp'],
  ])('ignores %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});
