/**
 * Seeds of adversarial texts: each is repeated to the measured length. The first list must scan
 * in linear time (test/hardening/adversarial-scan.test.ts); the second holds the inputs found to
 * scan in super-linear time, with their cause, until that cause is fixed (then the case moves up).
 */
import { KiB, MiB, type GrowthCase } from './scan-growth.js';

/** One character of every Unicode general category, lone surrogates included. */
const EVERY_CATEGORY = [
  'A', 'a', 'ǅ', 'ʰ', 'あ', '\u0301', '\u0903', '\u20dd', '5', 'Ⅻ', '½', '_', '-', '(', ')', '«', '»', '!', '+', '$', '^', '©',
  ' ', '\u2028', '\u2029', '\u0000', '\u200b', '\u202e', '\ue000', '\ud800', '\udc00', '👍', '漢',
].join('');

/** The inputs named in issue 5, at 1 MiB. */
const ONE_MIB = [64 * KiB, MiB];
/** More shapes, at a quarter of that to keep the suite short. */
const QUARTER_MIB = [16 * KiB, 256 * KiB];

export const ADVERSARIAL_CASES: readonly GrowthCase[] = [
  { name: 'digit run', seed: '0901234567', sizes: ONE_MIB },
  { name: '@ run', seed: '@', sizes: ONE_MIB },
  { name: 'separators', seed: '-・ .,/_~|\u3000、', sizes: ONE_MIB },
  { name: '"LINE LINE LINE"', seed: 'LINE ', sizes: ONE_MIB },
  { name: '"ライン" × N', seed: 'ライン', sizes: ONE_MIB },
  { name: '"0 9 0" × N', seed: '0 9 0 ', sizes: ONE_MIB },
  { name: '"あっと" × N', seed: 'あっと', sizes: ONE_MIB },
  { name: '"ぜろ" × N', seed: 'ぜろ', sizes: ONE_MIB },
  { name: 'every Unicode category', seed: EVERY_CATEGORY, sizes: ONE_MIB },
  { name: 'emoji ZWJ sequences', seed: '👨\u200d👩\u200d👧\u200d👦', sizes: QUARTER_MIB },
  { name: 'combining marks', seed: 'e\u0301\u0308', sizes: QUARTER_MIB },
  { name: 'spaced letters', seed: 'l i n e ', sizes: QUARTER_MIB },
  { name: 'decorated letters', seed: 'l・i・n・e・', sizes: QUARTER_MIB },
  { name: 'kanji digits', seed: '〇九〇', sizes: QUARTER_MIB },
  { name: 'spelled address', seed: 'a あっと b どっと ', sizes: QUARTER_MIB },
  { name: '"ID：" × N', seed: 'ID：', sizes: QUARTER_MIB },
  // linkifyjs reads each run of link characters whole (once per scan): ~1.5 µs and a few
  // hundred bytes of garbage per character, so these grow faster than the others (docs/reliability.md).
  { name: '"a@b." × N', seed: 'a@b.', sizes: QUARTER_MIB },
  { name: '"www." × N', seed: 'www.', sizes: QUARTER_MIB },
  { name: '"http://" × N', seed: 'http://', sizes: QUARTER_MIB },
  { name: '"line.me/" × N', seed: 'line.me/', sizes: QUARTER_MIB },
  { name: '"a at b dot " × N', seed: 'a at b dot ', sizes: QUARTER_MIB },
  // Found quadratic by this suite and fixed (docs/reliability.md, "Found and fixed"): kept as
  // regression cases.
  { name: '"LINE ID: " × N', seed: 'LINE ID: ', sizes: QUARTER_MIB },
  { name: '"QR " × N', seed: 'QR ', sizes: QUARTER_MIB },
  { name: '"振込 " × N', seed: '振込 ', sizes: QUARTER_MIB },
  { name: '"a 点 " × N', seed: 'a 点 ', sizes: QUARTER_MIB },
  { name: '"x dot " × N', seed: 'x dot ', sizes: QUARTER_MIB },
  { name: '"★を@に変えて ★" × N', seed: '★を@に変えて ★', sizes: QUARTER_MIB },
  { name: '"a" then "!" × N', prefix: 'a', seed: '!', sizes: ONE_MIB },
  { name: '"a.jp " × N', seed: 'a.jp ', sizes: QUARTER_MIB },
];

/** Inputs found to scan in super-linear time and not fixed yet; measured by scripts/reliability-report.ts. */
export interface KnownSuperLinearCase extends GrowthCase {
  /** Where the time goes: file, function, and why. */
  readonly cause: string;
}

/** None at the last run; a new finding goes here (three sizes) until its cause is fixed. */
export const KNOWN_SUPERLINEAR_CASES: readonly KnownSuperLinearCase[] = [];
