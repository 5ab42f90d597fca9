import { ADVERSARIAL_CASES, KNOWN_SUPERLINEAR_CASES } from './harness/adversarial-texts.js';
import { growthRatio, measureScanGrowth, KiB } from './harness/scan-growth.js';
const which = process.argv[2] === 'known' ? KNOWN_SUPERLINEAR_CASES : ADVERSARIAL_CASES.filter((c) => !process.argv[2] || c.name.includes(process.argv[2]));
const sizes = process.argv[3] ? process.argv[3].split(',').map((s) => Number(s) * KiB) : undefined;
const cases = which.map((c) => (sizes ? { ...c, sizes } : c));
const run = await measureScanGrowth(cases, 600_000);
for (const c of cases) console.log(c.name.padEnd(28), run.measurements.filter((m) => m.name === c.name).map((m) => `${m.size / 1024}K:${m.cpuMs.toFixed(0)}ms`).join(' '), 'ratio', growthRatio(run, c).toFixed(1), 'rss', run.measurements.filter((m) => m.name === c.name).at(-1)?.maxRssMb.toFixed(0));
