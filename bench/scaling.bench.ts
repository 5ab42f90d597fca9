/**
 * Scenario 2: cost per KB as one text grows from 1 KB to 1 MB (UTF-8 bytes), for ordinary
 * and adversarial texts. Linear time means the µs per KB stays flat; the ratio of µs per KB
 * at 1 MB to µs per KB at 1 KB is printed for each kind (target ≤ 2).
 *
 * Each figure is the median of several rounds, after a warm-up over all kinds and a warm-up
 * scan of the same text; in each round every size of a kind is timed once, in turn. Time is the process's CPU time (`process.cpuUsage`), not the wall
 * clock: on a shared machine a wall-clock ratio measures the neighbours as much as the scan.
 *
 * Run: `npx tsx bench/scaling.bench.ts` (BENCH_SCALING_MAX_KB=100 for a quick look).
 */
import { messages } from './fixtures/messages.js';
import { finish, fmt, header, median, table, verdict } from './lib/report.js';
import { loadRuleSet, scan } from '../src/index.js';

const SIZES_KB = [1, 10, 100, 1024].filter((kb) => kb <= Number(process.env.BENCH_SCALING_MAX_KB ?? 1024));
/**
 * Rounds per kind. In each round every size is timed once, in turn, so all sizes of a kind
 * see the same machine and the same JIT state. Timed one size after another, the 1 KB figure
 * of "repeated keyword" read 442 µs per KB in one full run and 774 alone, which alone moved
 * its ratio from 1.3× to 2.3×.
 */
const ROUNDS = Number(process.env.BENCH_SCALING_ROUNDS ?? 9);
/** Scans per timed batch: cpuUsage ticks are too coarse for one 1 KB scan. */
const SCANS_PER_BATCH: Record<number, number> = { 1: 50, 10: 5, 100: 1, 1024: 1 };

const cpuMicros = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

header('Scaling benchmark (scenario 2)');
const rules = await loadRuleSet();

/** Each kind builds a text of at least `bytes` UTF-8 bytes by repeating its unit, then cuts it to size. */
const KINDS: Record<string, { description: string; unit: string }> = {
  'clean talk': { description: 'Japanese talk-room messages of ~300 characters run together', unit: messages('clean', 300, 400).join('') },
  'contacts talk': { description: '~300-character messages with two disguised contacts each, run together', unit: messages('contacts', 300, 400).join('') },
  'digit run': { description: 'one unbroken run of digits', unit: '0901234567' },
  '@ run': { description: '"@" repeated', unit: '@' },
  'separator run': { description: '"- " repeated (splits and joins of groups)', unit: '- ' },
  'dot run': { description: '"." repeated (a literal every link rule needs, but no link spot)', unit: '.' },
  'link spots': { description: '"a.jp " repeated (a link spot, a linkifyjs window and a finding per word)', unit: 'a.jp ' },
  'spaced letters': { description: '"l i n e " repeated (letters to join)', unit: 'l i n e ' },
  'repeated keyword': { description: '"LINE " repeated (a finding per word)', unit: 'LINE ' },
  'phone numbers': { description: '"090-1234-5678 " repeated', unit: '090-1234-5678 ' },
};

/**
 * Texts of `bytes` bytes cut from the kind's stream at evenly spaced starts across one whole
 * unit (at most WINDOWS[kb] of them), so that every size reads the same mix. One window was
 * not enough: the first 1 KB of "contacts talk" is one message, and it happened to cost a
 * third of the average message, which read as the 1 MB text costing 6× per KB (scanned one by
 * one, the 400 messages cost more per KB than all of them run together).
 */
function windowsOf(unit: string, bytes: number, count: number): string[] {
  const stream = textOf(unit, Buffer.byteLength(unit) + bytes);
  const windows = Math.max(1, Math.min(count, Math.floor(Buffer.byteLength(unit) / bytes)));
  const step = Math.floor(unit.length / windows);
  return Array.from({ length: windows }, (_, k) => textOf(stream.slice(k * step), bytes));
}
const WINDOWS: Record<number, number> = { 1: 64, 10: 16, 100: 4, 1024: 1 };

function textOf(unit: string, bytes: number): string {
  const unitBytes = Buffer.byteLength(unit);
  let text = unit.repeat(Math.ceil(bytes / unitBytes));
  // Cut back to the byte size without splitting a surrogate pair.
  while (Buffer.byteLength(text) > bytes) text = text.slice(0, Math.max(1, Math.floor(text.length * (bytes / Buffer.byteLength(text)))));
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return text;
}

// Warm-up: every kind at 10 KB until the JIT has settled, so the 1 KB figures are not cold.
const warmUntil = performance.now() + Number(process.env.BENCH_WARMUP_MS ?? 3000);
const warmTexts = Object.values(KINDS).map(({ unit }) => textOf(unit, 10 * 1024));
while (performance.now() < warmUntil) for (const text of warmTexts) scan(rules, text);

type Row = { kind: string; perKb: number[]; ratio: number };
const rows: Row[] = [];
for (const [kind, { unit }] of Object.entries(KINDS)) {
  const sizes = SIZES_KB.map((kb) => {
    const texts = windowsOf(unit, kb * 1024, WINDOWS[kb] ?? 1);
    let bytes = 0;
    for (const text of texts) bytes += Buffer.byteLength(text);
    for (const text of texts) scan(rules, text); // warm-up
    const batch = Math.max(1, Math.round((SCANS_PER_BATCH[kb] ?? 1) / texts.length));
    return { texts, kb: bytes / 1024, batch, times: [] as number[] };
  });
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of sizes) {
      const t0 = cpuMicros();
      for (let k = 0; k < size.batch; k++) for (const text of size.texts) scan(rules, text);
      size.times.push((cpuMicros() - t0) / size.batch);
    }
  }
  const perKb = sizes.map((size) => median(size.times) / size.kb);
  const ratio = perKb[perKb.length - 1]! / perKb[0]!;
  rows.push({ kind, perKb, ratio });
  process.stderr.write(`${kind}: ${perKb.map((v) => fmt(v)).join(' / ')} µs per KB\n`);
}

const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
const largest = SIZES_KB[SIZES_KB.length - 1]!;
const markdown = [
  `Texts of each size cut from one stream per kind, each scanned whole by \`scan()\` (no length limit in the library; the service caps texts at KANMON_MAX_TEXT_LENGTH). For the message streams a size is measured on ${SIZES_KB.map((kb) => `${WINDOWS[kb]} window${WINDOWS[kb] === 1 ? '' : 's'} at ${kb} KB`).join(', ')}, spread over the whole stream of 400 messages, so every size reads the same mix (one 1 KB window is one message, cheaper or dearer than the average). CPU µs per KB of UTF-8 input, median of ${ROUNDS} rounds; in each round every size is timed once, in turn (a batch of at least ${SIZES_KB.map((kb) => `${SCANS_PER_BATCH[kb]} at ${kb} KB`).join(', ')} scans, every window of the size scanned alike), so all sizes of a kind see the same machine.`,
  '',
  table(
    ['text', ...SIZES_KB.map((kb) => (kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`)), `${largest >= 1024 ? '1 MB' : `${largest} KB`} ÷ 1 KB`],
    rows.map((r) => [`${r.kind} (${KINDS[r.kind]!.description})`, ...r.perKb.map((v) => fmt(v)), `${fmt(r.ratio)}×`]),
  ),
  '',
  verdict('µs per KB at the largest size vs 1 KB, worst kind', `${fmt(worst.ratio)}× (${worst.kind})`, '≤ 2×', worst.ratio <= 2),
].join('\n');

finish({
  name: 'scaling',
  title: 'Scaling with size (scenario 2)',
  command: 'npx tsx bench/scaling.bench.ts',
  markdown,
  data: rows,
});
