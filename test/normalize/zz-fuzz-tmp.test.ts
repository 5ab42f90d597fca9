import fc from 'fast-check';
import { it } from 'vitest';
import { NORMALIZATION_STEPS, normalize } from '/work/main/src/normalize/index.ts';
import { identityMapped } from '/work/main/src/normalize/mapped-text.ts';
const PIECES = [
  'L', 'I', 'N', 'E', 'l', 'i', 'n', 'e', 'a', 'x', 'Q', 'R', '1', '0', '9', '3', '|', '!', '$', 'o', 'k', 'b',
  ' ', '  ', '\n', '\t', '\u3000', '・', '･', '.', ',', '/', ':', '@', '-', '_', '~', '〜', '‐', 'ー', '、', '(', ')', '〔', '〕',
  '🌸', '🔸', '★', '♪', '※', '👨\u200d👩\u200d👧', '0\uFE0F\u20E3', '\u200b', '\u00ad', '\u0301', '\u3099',
  'ｶ', 'ﾞ', 'ﾟ', '゛', 'か', 'カ', 'ラ', 'ら', 'い', 'ん', 'ｌ', 'Ｌ', '１', '①', '⑩', '𝐋', 'е', 'о', 'Ν', 'J', '\u030C',
  'ㄱ', 'ㅏ', '가', 'ᄀ', 'ᅡ', 'ᆨ', 'ぜろ', 'ゼロ', 'きゅう', 'に', 'ご', 'さん', 'いち', 'まる', '〇', '九', 'zero', 'nine',
  'one', 'two', 'あっと', 'アット', 'どっと', '(at)', '〔dot〕', '点', 'を@に変えて', 'を@と.に置き換えて', ' at ', ' dot ',
  'gmail', 'com', 'l1ne', 'z00m', 'http', 'は', 'の', '話', '\u0000', '\uD800', '\uDC00', 'てん', '(', 'まーく', 'あ', 'っ', 'と',
] as const;
const disguised = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const anyText = fc.oneof(disguised, disguised, disguised, codeUnits, fc.string({ unit: 'binary' }));
it('pipeline idempotent (fuzz)', () => {
  fc.assert(fc.property(anyText, (t) => { const o = normalize(t).text; if (normalize(o).text !== o) throw new Error(JSON.stringify([t, o, normalize(o).text])); }), { numRuns: Number(process.env.RUNS ?? 100000) });
}, 600000);
for (const step of NORMALIZATION_STEPS) it('step ' + step.name, () => {
  fc.assert(fc.property(anyText, (t) => { const o = step.apply(identityMapped(t)); if (step.apply(o).text !== o.text) throw new Error(JSON.stringify([t, o.text, step.apply(o).text])); }), { numRuns: Number(process.env.RUNS ?? 100000) / 4 });
}, 600000);
