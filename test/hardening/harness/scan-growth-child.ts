/**
 * Child process of `measureScanGrowth`: loads the built-in rules, then for each case scans its
 * seed repeated to each size and prints one JSON line per measurement. CPU time, not wall time:
 * it counts the work this process did, so other processes on a busy machine do not inflate it.
 */
import { loadRuleSet, scan } from '../../../src/index.js';
import type { GrowthCase, GrowthMeasurement } from './scan-growth.js';

const cases = JSON.parse(process.argv[2]!) as GrowthCase[];
const rules = await loadRuleSet();
scan(rules, 'ウォームアップ LINE: kenta_88 090-1234-5678 a@b.jp https://x.jp');

const cpuMs = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

for (const c of cases) {
  scan(rules, textOf(c, 4096)); // warm the paths this seed takes
  const largest = c.sizes[c.sizes.length - 1]!;
  for (const size of c.sizes) {
    const text = textOf(c, size);
    // Smaller sizes are scanned until a quarter of the largest size's characters went by, so
    // per-character costs compare like with like: fixed costs, timer resolution and the
    // garbage collector's share are spread over enough work in both.
    const reps = Math.max(1, Math.floor(largest / 4 / size));
    let violations = 0;
    (globalThis as { gc?: () => void }).gc?.();
    const start = process.cpuUsage();
    for (let r = 0; r < reps; r++) violations = scan(rules, text).violations.length;
    const line: GrowthMeasurement = { name: c.name, size, cpuMs: cpuMs(start) / reps, violations, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/** The case's prefix, then its seed repeated, `length` units in all. */
function textOf(c: GrowthCase, length: number): string {
  const prefix = c.prefix ?? '';
  return prefix + c.seed.repeat(Math.ceil(length / c.seed.length)).slice(0, length - prefix.length);
}
