/**
 * Seeds of adversarial texts: each is repeated to the measured length. The first list must scan
 * in linear time; the second holds the inputs found to scan in super-linear time, with their
 * cause, until that cause is fixed (then the case moves up).
 */
import { KiB, MiB, type GrowthCase } from './scan-growth.js';

/** One character of every Unicode general category, lone surrogates included. */
const EVERY_CATEGORY = [
  'A', 'a', 'ǅ', 'ʰ', 'あ', '\u0301', '\u0903', '\u20dd', '5', 'Ⅻ', '½', '_', '-', '(', ')', '«', '»', '!', '+', '$', '^', '©',
  ' ', '\u2028', '\u2029', '\u0000', '\u200b', '\u202e', '\ue000', '\ud800', '\udc00', '👍', '漢',
].join('');

const LINEAR = [64 * KiB, MiB];
/** Seeds that make linkifyjs read one huge window: linear, but ~1 µs and ~300 B of garbage per character, so measured smaller. */
const LINK_WINDOW = [16 * KiB, 256 * KiB];

export const ADVERSARIAL_CASES: readonly GrowthCase[] = [
  { name: 'digit run', seed: '0901234567', sizes: LINEAR },
  { name: '@ run', seed: '@', sizes: LINEAR },
  { name: 'separators', seed: '-・ .,/_~|\u3000、', sizes: LINEAR },
  { name: '"LINE LINE LINE"', seed: 'LINE ', sizes: LINEAR },
  { name: '"ライン" × N', seed: 'ライン', sizes: LINEAR },
  { name: '"0 9 0" × N', seed: '0 9 0 ', sizes: LINEAR },
  { name: '"あっと" × N', seed: 'あっと', sizes: LINEAR },
  { name: '"ぜろ" × N', seed: 'ぜろ', sizes: LINEAR },
  { name: 'every Unicode category', seed: EVERY_CATEGORY, sizes: LINEAR },
  { name: 'emoji ZWJ sequences', seed: '👨\u200d👩\u200d👧\u200d👦', sizes: LINEAR },
  { name: 'combining marks', seed: 'e\u0301\u0308', sizes: LINEAR },
  { name: 'spaced letters', seed: 'l i n e ', sizes: LINEAR },
  { name: 'decorated letters', seed: 'l・i・n・e・', sizes: LINEAR },
  { name: 'kanji digits', seed: '〇九〇', sizes: LINEAR },
  { name: 'spelled address', seed: 'a あっと b どっと ', sizes: LINEAR },
  { name: '"ID：" × N', seed: 'ID：', sizes: LINEAR },
  { name: '"a@b." × N', seed: 'a@b.', sizes: LINK_WINDOW },
  { name: '"www." × N', seed: 'www.', sizes: LINK_WINDOW },
  { name: '"http://" × N', seed: 'http://', sizes: LINK_WINDOW },
  { name: '"line.me/" × N', seed: 'line.me/', sizes: LINK_WINDOW },
  { name: '"a at b dot " × N', seed: 'a at b dot ', sizes: LINK_WINDOW },
];

export interface KnownSuperLinearCase extends GrowthCase {
  /** Where the time goes: file, function, and why. */
  readonly cause: string;
  /** Sizes for the report (three), larger than the test's. */
  readonly reportSizes: readonly number[];
}

export const KNOWN_SUPERLINEAR_CASES: readonly KnownSuperLinearCase[] = [
  {
    name: '"LINE ID: " × N',
    seed: 'LINE ID: ',
    sizes: [KiB, 16 * KiB],
    reportSizes: [4 * KiB, 16 * KiB, 64 * KiB],
    cause: 'src/engine/adjust-severity.ts, surroundings(): a `sentence` clause walks to both sentence ends and a `text` clause tests the whole text once per finding (line.invite has both), so k findings in one sentence cost O(k·n)',
  },
  {
    name: '"QR " × N',
    seed: 'QR ',
    sizes: [KiB, 16 * KiB],
    reportSizes: [4 * KiB, 16 * KiB, 64 * KiB],
    cause: 'src/engine/adjust-severity.ts, surroundings(): as above, through qr_code.mention\'s sentence and text clauses',
  },
  {
    name: '"a 点 " × N',
    seed: 'a 点 ',
    sizes: [4 * KiB, 64 * KiB],
    reportSizes: [16 * KiB, 64 * KiB, 256 * KiB],
    cause: 'src/normalize/decode-spelled-symbols.ts, SPELLED_SYMBOL alternative 2: the look-behind (?<=[a-z][a-z0-9_.\\-]*) runs at every position and walks back over the whole letter run (the first pass turns the text into one long run)',
  },
  {
    name: '"x dot " × N',
    seed: 'x dot ',
    sizes: [4 * KiB, 64 * KiB],
    reportSizes: [16 * KiB, 64 * KiB, 256 * KiB],
    cause: 'src/normalize/decode-spelled-symbols.ts, SPELLED_SYMBOL alternative 4: the look-behind (?<=(?:@|[ \\t]at[ \\t]+)[a-z0-9\\-]+(?:(?:[ \\t]+dot[ \\t]+|\\.)[a-z0-9\\-]+)*) walks back over the whole "x dot x dot …" chain at every position',
  },
  {
    name: '"★を@に変えて ★" × N',
    seed: '★を@に変えて ★',
    sizes: [4 * KiB, 64 * KiB],
    reportSizes: [16 * KiB, 64 * KiB, 256 * KiB],
    cause: 'src/normalize/decode-spelled-symbols.ts, substituteExplainedMarks(): one replaceMatches pass over the whole text per explanation found, so k explanations cost O(k·n)',
  },
];
