import { growthRatio, measureScanGrowth, KiB } from './harness/scan-growth.js';
const sizes = process.argv[3].split(',').map((s) => Number(s) * KiB);
const cases = process.argv[2].split('|').map((seed) => ({ name: seed, seed: seed.replace(/\\n/g, '\n'), sizes }));
const run = await measureScanGrowth(cases, 300_000);
for (const c of cases) console.log(JSON.stringify(c.name).padEnd(28), run.measurements.filter((m) => m.name === c.name).map((m) => `${m.size / 1024}K:${m.cpuMs.toFixed(0)}ms`).join(' '), 'ratio', growthRatio(run, c).toFixed(1), run.timedOut ? 'TIMEOUT' : '');
