import { describe, expect, it } from 'vitest';
import { contactIdDetector } from '../../src/detectors/contact-id.js';
import { originalSpan } from '../../src/normalize/mapped-text.js';
import { env, inputOf } from './env.js';

const line = contactIdDetector.create(
  { platforms: ['LINE', 'ライン', '緑のアプリ'], notFollowedBy: ['スタンプ'], markers: ['ID', 'ユーザー名'], ignore: ['http'] },
  env,
);

/** The original text of each finding. */
const found = (text: string, detector = line) => {
  const input = inputOf(text);
  return detector.find(input).map((c) => {
    const [s, e] = originalSpan(input.normalized, c.start, c.end);
    return text.slice(s, e);
  });
};

describe('contact-id', () => {
  it.each([
    ['ＬＩＮＥ：ｋｅｎｔａ８８', 'ＬＩＮＥ：ｋｅｎｔａ８８'],
    ['ラインのIDは sakura.n77、電話は後で', 'ラインのIDは sakura.n77'],
    ['緑のアプリやってます？IDは sora.99 です', '緑のアプリやってます？IDは sora.99'],
    ['L I N E のIDは「kanon」です', 'L I N E のIDは「kanon'],
    ['詳細はLINEで。ID：kenta_88', 'LINEで。ID：kenta_88'],
    ['LINE @482tjbwq まで', 'LINE @482tjbwq'],
    ['ライン→mikan_8', 'ライン→mikan_8'],
  ])('finds the identifier in %j', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['LINEスタンプ kenta_88 セット', 'a compound excluded by notFollowedBy'],
    ['LINEで連絡ください', 'no identifier'],
    ['LINE公式のcardを更新', 'a plain word is not an identifier without a marker'],
    ['LINEの画像は500pxです', 'a size starts with a digit'],
    ['LINEで話しましょう。kenta_88さんによろしく', 'a sentence end without a marker after it'],
    ['LINE https://example.com/a_1', 'an ignored token, then a token touching a slash'],
    ['LINEで 0412 です', 'digits only are rejected by default'],
  ])('reports nothing in %j (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('accepts numeric identifiers when asked to', () => {
    const zoom = contactIdDetector.create({ platforms: ['Zoom'], markers: ['ID'], digitsOnly: 'require' }, env);
    expect(found('Zoom ID 84522106639', zoom)).toEqual(['Zoom ID 84522106639']);
    expect(found('Zoom ID abc_123', zoom)).toEqual([]);
  });
});
