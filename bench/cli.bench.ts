/**
 * Scenario 4: `kanmon scan` over 100,000 JSON Lines messages (the mixes and sizes of
 * bench/fixtures/messages.ts, mostly short, as a moderation queue sees them), from a file to
 * /dev/null, with the work in the main thread (`--workers 0`), on one worker thread and on
 * one thread per core. Items/s count the whole run (start-up and rule loading included);
 * beside them, the machine's own ceiling for that many scanning threads: one `--workers 0`
 * process per core on the same file at once, against one alone (a shared VM may give two
 * busy threads far less than twice one);
 * peak RSS is the process's high-water mark (`/usr/bin/time -f %M`), threads included. Whether
 * memory grows with the number of items: one run over the input three times (stdin), with the
 * high-water mark read as the answers come out. V8 sizes its heaps up over the first
 * ~150,000 lines and then holds (bench input, `--workers auto`: 131 MiB after 10,000 answers,
 * 167 after 100,000, 182 after 150,000, 182 after 300,000), so the verdict compares 300,000
 * answers with 100,000; the 10,000 figure is shown too.
 *
 * Runs `node bin/kanmon.js` from dist/ (`npm run build` first; `npm run bench` does). Each
 * figure is the median of BENCH_CLI_ROUNDS (3) runs, configurations in turn: an odd count, so
 * one slow run on a shared machine is not half the figure, as with the mean of two.
 *
 * Run: `npm run build && npx tsx bench/cli.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { jsonLines } from './fixtures/messages.js';
import { finish, fmt, header, median, snapshotDefaultRules, table, verdict } from './lib/report.js';

const ROOT = new URL('../', import.meta.url).pathname;
const ITEMS = Number(process.env.BENCH_CLI_ITEMS ?? 100_000);
/** Answers after which the memory run reads the high-water mark; the verdict compares ITEMS with 3 × ITEMS. */
const MEMORY_MARKS = [Math.round(ITEMS / 10), ITEMS, 2 * ITEMS, 3 * ITEMS];
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
const CORES = availableParallelism();

header('Batch CLI benchmark (scenario 4)');
if (!existsSync(path.join(ROOT, 'dist/bundle/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');

const rules = snapshotDefaultRules();
const dir = mkdtempSync(path.join(tmpdir(), 'kanmon-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const big = await writeInput(path.join(dir, 'big.jsonl'), ITEMS);

type Run = { seconds: number; cpuSeconds: number; rssMiB: number; itemsPerS: number };
const configs = [
  { label: '--workers 0 (main thread)', workers: '0' },
  { label: '--workers 1', workers: '1' },
  { label: `--workers auto (all cores: the main thread and ${CORES - 1} worker${CORES === 2 ? '' : 's'})`, workers: 'auto' },
];
const runs = new Map<string, Run[]>(configs.map((c) => [c.workers, []]));
/** One `--workers 0` process per core at once: items/s of all of them together. */
const together: number[] = [];
await kanmonScan(big.file, '0'); // warm the file cache and the disk
for (let round = 0; round < ROUNDS; round++) {
  for (const config of configs) runs.get(config.workers)!.push(await kanmonScan(big.file, config.workers, ITEMS));
  together.push(await kanmonScanTogether(big.file, CORES, ITEMS));
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}
const memoryRuns: number[][] = [];
for (let round = 0; round < ROUNDS; round++) memoryRuns.push(await highWaterMarks(big.file, 3, MEMORY_MARKS));

const summary = (list: Run[]) => ({
  itemsPerS: median(list.map((r) => r.itemsPerS)),
  rssMiB: median(list.map((r) => r.rssMiB)),
  seconds: median(list.map((r) => r.seconds)),
  cpuSeconds: median(list.map((r) => r.cpuSeconds)),
});
const rows = configs.map((c) => ({ ...c, ...summary(runs.get(c.workers)!) }));
const one = rows[1]!;
const all = rows[2]!;
const marks = MEMORY_MARKS.map((_, i) => median(memoryRuns.map((run) => run[i]!)));
const speedup = all.itemsPerS / one.itemsPerS;
const ceiling = median(together) / rows[0]!.itemsPerS;
const growth = marks[3]! / marks[1]!;
// However well the threads share the work, `auto` cannot end before its CPU time spread over
// every core: the one-worker wall time over that is the most the ratio could be in this run.
const cpuBound = one.seconds / (all.cpuSeconds / CORES);

const markdown = [
  `\`node bin/kanmon.js scan FILE --workers N > /dev/null\` with the default rules (read from a copy of rules/, so that edits during the run cannot change them), ${ITEMS.toLocaleString('en-US')} lines (${fmt(big.bytes / 2 ** 20)} MiB; 3 in 6 of ~50 characters, 2 of ~300, 1 of ~2,000; half clean talk, a quarter full of numbers, a quarter with contacts). Median of ${ROUNDS} runs; the whole run is timed, start-up and rule loading included. CPU seconds show the work apart from how much of the machine the run got (load average at start in the header).`,
  '',
  table(
    ['workers', 'items/s', 'wall s', 'CPU s (user+sys, all threads)', 'peak RSS MiB'],
    rows.map((r) => [r.label, fmt(r.itemsPerS), fmt(r.seconds), fmt(r.cpuSeconds), fmt(r.rssMiB)]),
  ),
  '',
  `Memory with all cores over the input three times (stdin, one run, median of ${ROUNDS}), high-water mark (VmHWM) after ${MEMORY_MARKS.map((n, i) => `${n.toLocaleString('en-US')} answers: ${fmt(marks[i]!)} MiB`).join(', ')}.`,
  '',
  `The machine's ceiling for ${CORES} scanning threads in this run: ${CORES} \`--workers 0\` processes on the same file at once scanned ${fmt(median(together))} items/s together, ${fmt(ceiling)}× one such process alone (${fmt(rows[0]!.itemsPerS)} items/s); \`--workers auto\` ran ${fmt(all.itemsPerS / rows[0]!.itemsPerS)}× as fast as that process alone. Its ${fmt(all.cpuSeconds)} CPU seconds (a second isolate starts, loads the rules and compiles the scan code again) cannot take less than ${fmt(all.cpuSeconds / CORES)} s on ${CORES} cores, so no sharing of the work could make it more than ${fmt(cpuBound)}× the one-worker run (${fmt(one.seconds)} s).`,
  '',
  verdict('all cores vs one worker', `${fmt(speedup)}× (${fmt(all.itemsPerS)} vs ${fmt(one.itemsPerS)} items/s)`, `≥ 1.7× on this ${CORES}-core machine`, speedup >= 1.7),
  verdict('memory flat in the number of items', `high-water mark ×${fmt(growth)} from ${MEMORY_MARKS[1]!.toLocaleString('en-US')} to ${MEMORY_MARKS[3]!.toLocaleString('en-US')} items`, 'flat (≤ 1.2×)', growth <= 1.2),
].join('\n');

finish({
  name: 'cli',
  title: 'Batch CLI (scenario 4)',
  command: 'npm run build && npx tsx bench/cli.bench.ts',
  markdown,
  data: { rows, memory: MEMORY_MARKS.map((items, i) => ({ items, hwmMiB: marks[i] })), items: ITEMS, together: median(together), ceiling, cpuBound },
});

async function writeInput(file: string, count: number): Promise<{ file: string; bytes: number }> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const line of jsonLines(count)) {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { file, bytes };
}

/** `count` `kanmon scan --workers 0` runs of `file` started at once: items/s of all of them, by the last to finish. */
async function kanmonScanTogether(file: string, count: number, items: number): Promise<number> {
  const done = await Promise.all(Array.from({ length: count }, () => kanmonScan(file, '0', items)));
  return (count * items) / Math.max(...done.map((r) => r.seconds));
}

/**
 * `kanmon scan --workers auto` reading `file` `times` times from stdin; the process's VmHWM
 * (MiB) when the answers reach each of `marks`.
 */
async function highWaterMarks(file: string, times: number, marks: readonly number[]): Promise<number[]> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kanmon.js'), 'scan', '--workers', 'auto', '--no-builtin-rules', '--rules', rules], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const found: number[] = [];
  let answers = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
      answers++;
      if (answers === marks[found.length]) found.push(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024);
    }
  });
  const closed = once(child, 'close');
  for (let i = 0; i < times; i++) {
    for await (const chunk of createReadStream(file)) if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  }
  child.stdin.end();
  const [code] = (await closed) as [number];
  if (code !== 0 || found.length !== marks.length) throw new Error(`kanmon scan (memory run) failed (${code}) after ${answers} answers`);
  return found;
}

/** One `kanmon scan` run under /usr/bin/time: wall seconds and peak RSS. */
async function kanmonScan(file: string, workers: string, items = 0): Promise<Run> {
  const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, path.join(ROOT, 'bin/kanmon.js'), 'scan', file, '--workers', workers, '--no-builtin-rules', '--rules', rules], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  const last = stderr.trim().split('\n').at(-1) ?? '';
  const match = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
  if (code !== 0 || match === null) throw new Error(`kanmon scan failed (${code}): ${stderr}`);
  const seconds = Number(match[1]);
  return { seconds, cpuSeconds: Number(match[3]) + Number(match[4]), rssMiB: Number(match[2]) / 1024, itemsPerS: items / seconds };
}
