/**
 * Scenario 1: in-process scan of one message, next to two same-run baselines.
 *
 * For messages of ~50, ~300 and ~2,000 characters in three mixes (clean talk-room text,
 * texts full of numbers, texts with disguised contacts) and all three interleaved, it
 * measures µs per message (median and p99 of single calls, tinybench) and MB/s of UTF-8
 * input for Kanmon's `scan` with the default rules, for the floor (NFKC plus ten ordinary
 * regexes) and for the naive build (linkifyjs `find` plus libphonenumber-js
 * `findPhoneNumbersInText` on every text). Each figure is the median of BENCH_ROUNDS rounds
 * (default 5) run in turns, after a warm-up, so a noisy machine slows all three alike.
 *
 * Run: `npx tsx bench/scan.bench.ts` (or `npm run bench`, which runs every scenario).
 */
import { Bench } from 'tinybench';
import { floorScan, naiveScan } from './fixtures/baselines.js';
import { MIXES, messages, type Mix } from './fixtures/messages.js';
import { finish, fmt, header, median, table, verdict } from './lib/report.js';
import { loadRuleSet, scan } from '../src/index.js';

const SIZES = [50, 300, 2000] as const;
const PER_SET = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 250);

header('Scan benchmark (scenario 1)');
const rules = await loadRuleSet();
const IMPLEMENTATIONS = {
  kanmon: (text: string) => scan(rules, text).violations.length,
  floor: floorScan,
  naive: naiveScan,
} as const;
type Impl = keyof typeof IMPLEMENTATIONS;

type Group = { size: number; mix: Mix | 'all three'; texts: string[]; bytes: number };
const groups: Group[] = [];
for (const size of SIZES) {
  const byMix = MIXES.map((mix) => messages(mix, size, PER_SET));
  // "all three": the mixes interleaved, one message of each in turn.
  const all = byMix[0]!.flatMap((_, i) => byMix.map((texts) => texts[i]!));
  for (const [i, mix] of MIXES.entries()) groups.push(group(size, mix, byMix[i]!));
  groups.push(group(size, 'all three', all));
}

// Warm-up: every implementation over every text until the JIT has settled.
const warmUntil = performance.now() + Number(process.env.BENCH_WARMUP_MS ?? 3000);
while (performance.now() < warmUntil) for (const g of groups) for (const fn of Object.values(IMPLEMENTATIONS)) for (const t of g.texts) fn(t);

type Figures = { p50: number[]; p99: number[]; mean: number[] };
const samples = new Map<string, Figures>();
const key = (g: Group, impl: Impl) => `${g.size}/${g.mix}/${impl}`;
const order: Impl[] = ['kanmon', 'floor', 'naive'];
for (let round = 0; round < ROUNDS; round++) {
  for (const g of groups) {
    // Rotate who goes first, so no implementation always runs right after another's garbage.
    for (const impl of order.map((_, i) => order[(i + round) % order.length]!)) {
      const fn = IMPLEMENTATIONS[impl];
      let next = 0;
      const bench = new Bench({ time: ROUND_MS, warmupTime: 30, iterations: 32 });
      bench.add(impl, () => {
        fn(g.texts[next]!);
        next = next + 1 === g.texts.length ? 0 : next + 1;
      });
      await bench.run();
      const result = bench.tasks[0]!.result;
      if (!('latency' in result)) throw new Error(`${impl} failed: ${JSON.stringify(result)}`);
      const figures = samples.get(key(g, impl)) ?? { p50: [], p99: [], mean: [] };
      // tinybench reports milliseconds.
      figures.p50.push(result.latency.p50 * 1000);
      figures.p99.push(result.latency.p99 * 1000);
      figures.mean.push(result.latency.mean * 1000);
      samples.set(key(g, impl), figures);
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}

const stat = (g: Group, impl: Impl) => {
  const f = samples.get(key(g, impl))!;
  const mean = median(f.mean);
  return { p50: median(f.p50), p99: median(f.p99), mean, mbps: g.bytes / g.texts.length / mean };
};

const rows = groups.map((g) => {
  const k = stat(g, 'kanmon');
  const a = stat(g, 'floor');
  const b = stat(g, 'naive');
  return {
    size: g.size, mix: g.mix, kanmon: k, floor: a, naive: b,
    cells: [
      `~${g.size}`, g.mix, fmt(k.p50), fmt(k.p99), fmt(k.mbps), fmt(a.p50), fmt(b.p50), `${fmt(k.p50 / a.p50)}×`, `${fmt(b.p50 / k.p50)}×`,
    ],
  };
});

const target = rows.find((r) => r.size === 300 && r.mix === 'all three')!;
const floorRatio = target.kanmon.p50 / target.floor.p50;
const naiveRatio = target.naive.p50 / target.kanmon.p50;
const markdown = [
  `Message mix: ${PER_SET} generated messages per size and mix (bench/fixtures/messages.ts, fixed seed); "all three" interleaves the mixes. Each cell is the median of ${ROUNDS} rounds of ${ROUND_MS} ms per implementation, run in turns after a warm-up. µs per message; MB/s of UTF-8 input (from the mean).`,
  '',
  table(
    ['chars', 'mix', 'Kanmon p50 µs', 'Kanmon p99 µs', 'Kanmon MB/s', '(a) floor p50 µs', '(b) naive p50 µs', 'Kanmon ÷ (a)', '(b) ÷ Kanmon'],
    rows.map((r) => r.cells),
  ),
  '',
  '(a) floor: `text.normalize(\'NFKC\')` plus ten ordinary regexes; (b) naive: linkifyjs `find()` plus libphonenumber-js `findPhoneNumbersInText(text, \'JP\')`.',
  '',
  'Targets, ~300 characters, all three mixes:',
  '',
  verdict('median vs floor (a)', `${fmt(target.kanmon.p50)} µs = ${fmt(floorRatio)}× (a) (${fmt(target.floor.p50)} µs)`, '≤ 2×', floorRatio <= 2),
  verdict('speed-up vs naive (b)', `${fmt(naiveRatio)}× faster than (b) (${fmt(target.naive.p50)} µs)`, '≥ 8×', naiveRatio >= 8),
].join('\n');

finish({
  name: 'scan',
  title: 'In-process scan (scenario 1)',
  command: 'npx tsx bench/scan.bench.ts',
  markdown,
  data: rows.map(({ cells: _cells, ...r }) => r),
});

function group(size: number, mix: Group['mix'], texts: string[]): Group {
  return { size, mix, texts, bytes: texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) };
}
