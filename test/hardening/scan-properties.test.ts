/**
 * Bad input at the engine: for any string — lone surrogates, combining marks, right-to-left
 * text, emoji ZWJ sequences, NUL, very long lines — `scan` never throws, reports offsets inside
 * the text with `text.slice(start, end) === match`, and answers the same every time (no state
 * carried from one scan to the next). Normalizer-level properties are in
 * test/normalize/properties.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, CATEGORIES, loadRuleSet, scan, SCAN_CONTEXTS, SEVERITIES, type RuleSet, type ScanResult } from '../../src/index.js';
import { CONTACT } from './harness/fixtures.js';

/** Pieces that make rules fire, mixed with pieces that make text hard to handle. */
const PIECES = [
  // what the rules look for
  'LINE', 'ライン', 'ﾗｲﾝ', 'ID', '：', ':', CONTACT.lineId, CONTACT.email, CONTACT.phone, '090', '0 9 0', 'ぜろきゅうぜろ', '〇九〇',
  'あっと', 'どっと', 'gmail', '.com', '@', 'https://', 'lin.ee/', 'www.', 'QR', '振込', '電話', 'インスタ', '@insta_', 'で連絡ください', 'しないでください',
  // what makes text hard
  '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u0301', '\u0308\u0323', '\u3099', '\u202E', '\u200F', '\u202A', 'مرحبا', 'שלום', '\u0000', '\u0007',
  '👨\u200d👩\u200d👧', '🏳️\u200d🌈', '1️⃣', '🇯🇵', '\u200b', '\u200d', '\uFEFF', '\u2028', '\r\n', '\n', '\t', ' ', '\u3000', '・', '-', '。',
  '𝐋𝐈𝐍𝐄', 'Ｌ Ｉ Ｎ Ｅ', 'l1ne', '①②③', '㍿', 'ｶﾞ', 'が', '가', 'ß', 'İ', 'ﬁ',
] as const;

const pieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });
const codePoints = fc.string({ unit: 'binary', maxLength: 200 });
/** One very long line: a short mix repeated up to ~20,000 code units (the service's default limit). */
const longLine = fc.tuple(pieces, fc.integer({ min: 50, max: 400 })).map(([text, times]) => text.repeat(times).slice(0, 20_000));
const anyText = fc.oneof(
  { weight: 4, arbitrary: pieces },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: codePoints },
  { weight: 1, arbitrary: fc.tuple(pieces, codeUnits, pieces).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: longLine },
);
const options = fc.record({ context: fc.constantFrom(...SCAN_CONTEXTS), locale: fc.constantFrom('ja' as const, 'en' as const), explain: fc.boolean() });

let rules: RuleSet;
beforeAll(async () => {
  rules = await loadRuleSet();
});

function expectWellFormed(text: string, result: ScanResult): void {
  expect(ACTIONS).toContain(result.action);
  expect(result.rulesVersion).toBe(rules.version);
  for (const v of result.violations) {
    expect(0 <= v.start && v.start < v.end && v.end <= text.length, `${v.ruleId} [${v.start}, ${v.end}) in ${text.length}`).toBe(true);
    expect(text.slice(v.start, v.end)).toBe(v.match);
    expect(CATEGORIES).toContain(v.category);
    expect(SEVERITIES).toContain(v.severity);
    expect(typeof v.message).toBe('string');
    expect(v.message.length).toBeGreaterThan(0);
  }
}

describe('scan on arbitrary text', () => {
  it('never throws and reports offsets into the text as given', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        expectWellFormed(text, scan(rules, text, opts));
      }),
      { numRuns: 800 },
    );
  });

  it('is deterministic, with nothing carried over from the previous scan', () => {
    fc.assert(
      fc.property(anyText, anyText, options, (text, other, opts) => {
        const first = scan(rules, text, opts);
        scan(rules, other, opts);
        expect(scan(rules, text, opts)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same violations with and without explanations', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...SCAN_CONTEXTS), (text, context) => {
        const plain = scan(rules, text, { context });
        const explained = scan(rules, text, { context, explain: true });
        expect(explained.violations.map(({ explanation: _, ...v }) => v)).toEqual(plain.violations);
        expect(explained.action).toBe(plain.action);
      }),
      { numRuns: 150 },
    );
  });

  // Found by the property above: resolveOverlaps() merged a finding into the slot of an earlier
  // one of its category, after findings of other categories that start later; it now re-sorts.
  it('lists violations in order of position, as src/engine/resolve-overlaps.ts promises', () => {
    const starts = scan(rules, 'LINE @insta_LINE LINE @insta_').violations.map((v) => v.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('still finds the contact details when hard characters surround them', () => {
    fc.assert(
      fc.property(fc.constantFrom('\u0000', '\u202E', '\uD800', '👨\u200d👩\u200d👧', '\u0301', '\r\n'), (noise) => {
        const text = `${noise}メール ${CONTACT.email}${noise} 電話 ${CONTACT.phone} ${noise}`;
        const result = scan(rules, text);
        expectWellFormed(text, result);
        expect(result.violations.map((v) => v.category)).toEqual(expect.arrayContaining(['email', 'phone']));
      }),
    );
  });
});
