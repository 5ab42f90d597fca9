import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet, scan, type RuleSet } from '../../src/index.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRuleSet();
});

describe('scan', () => {
  it('returns the documented shape with offsets into the text as sent', () => {
    const text = 'こんにちは、ＬＩＮＥ：ｋｅｎｔａ８８ でお願いします';
    const result = scan(rules, text);
    expect(result.action).toBe('block');
    expect(result.rulesVersion).toBe(rules.version);
    const [v] = result.violations;
    expect(v).toMatchObject({ ruleId: 'line.id', category: 'line', severity: 'high', match: 'ＬＩＮＥ：ｋｅｎｔａ８８', normalized: 'line:kenta88' });
    expect(text.slice(v!.start, v!.end)).toBe(v!.match);
    expect(v!.message).toContain('LINE');
  });

  it('explains the message in English on request', () => {
    const [v] = scan(rules, 'LINE：kenta88', { locale: 'en' }).violations;
    expect(v!.message).toMatch(/LINE/);
    expect(v!.message).not.toMatch(/[ぁ-ん]/);
  });

  it('adds an explanation only when asked', () => {
    expect(scan(rules, 'LINE：kenta88').violations[0]!.explanation).toBeUndefined();
    const explained = scan(rules, '伝票番号 090-4471-3326 で発送済みです', { explain: true }).violations[0]!;
    expect(explained.explanation).toMatchObject({ detector: 'phone' });
    expect(explained.explanation!.adjustments).toContain('suppress[0]');
    expect(explained.severity).toBe('medium');
  });

  it.each([
    ['message', 'Zoomで打ち合わせしませんか？', 'block'],
    ['message', 'Zoom背景を作ります', 'allow'],
    ['message', 'ココナラのビデオチャット機能でお願いします', 'allow'],
    ['message', '外部でのやり取りは禁止なのでトークルームでお願いします', 'allow'],
    ['message', 'LINEで連絡ください', 'block'],
    ['message', 'LINEスタンプを制作します', 'allow'],
    ['message', '注文番号 48192207 の件です', 'allow'],
    ['message', '〒150-0001 に送ってください', 'allow'],
    ['message', '5,000円です', 'allow'],
    ['message', '2024/11/20 に納品します', 'allow'],
    ['message', '090-1234-5678 に電話ください', 'block'],
  ] as const)('context decides: [%s] %s → %s', (context, text, action) => {
    expect(scan(rules, text, { context }).action).toBe(action);
  });

  it('reports one finding per place and category (overlaps collapse to the strongest)', () => {
    const result = scan(rules, 'LINE交換しませんか？ID：kenta_88');
    const line = result.violations.filter((v) => v.category === 'line');
    for (let i = 1; i < line.length; i++) expect(line[i]!.start).toBeGreaterThanOrEqual(line[i - 1]!.end);
  });

  it('lets a catch-all link rule give way to the specific one', () => {
    const result = scan(rules, 'こちら https://line.me/ti/p/abc123 から');
    expect(result.violations.map((v) => v.ruleId)).toEqual(['line.url']);
  });

  it('never throws, and every violation points at what it matched (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.array(fc.constantFrom('LINE', 'ライン', '@', 'gmail', '.com', '090', '-', ' ', 'ぜろ', 'あっと', 'ID:', 'zoom', '直接', '\u200b', '０', '①'), { maxLength: 60 }).map((parts) => parts.join('')),
        ),
        fc.constantFrom('message', 'profile', 'attachment'),
        (text, context) => {
          const result = scan(rules, text, { context });
          for (const v of result.violations) {
            expect(v.start).toBeGreaterThanOrEqual(0);
            expect(v.end).toBeLessThanOrEqual(text.length);
            expect(v.start).toBeLessThanOrEqual(v.end);
            expect(text.slice(v.start, v.end)).toBe(v.match);
          }
          expect(['allow', 'review', 'block']).toContain(result.action);
        },
      ),
      { numRuns: 400 },
    );
  });
});
