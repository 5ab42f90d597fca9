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
  scan(rules, repeatTo(c.seed, 4096)); // warm the paths this seed takes
  for (const size of c.sizes) {
    const text = repeatTo(c.seed, size);
    let best = Number.POSITIVE_INFINITY;
    let violations = 0;
    // Small inputs are measured several times (a GC pause is a large share of a few ms).
    const reps = size <= 65536 ? 3 : 1;
    for (let r = 0; r < reps; r++) {
      (globalThis as { gc?: () => void }).gc?.();
      const start = process.cpuUsage();
      violations = scan(rules, text).violations.length;
      best = Math.min(best, cpuMs(start));
    }
    const line: GrowthMeasurement = { name: c.name, size, cpuMs: best, violations, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

function repeatTo(seed: string, length: number): string {
  return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
}
