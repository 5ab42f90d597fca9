import { PerformanceObserver } from 'node:perf_hooks';
import * as linkify from 'linkifyjs';
let gcMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
const seed = process.argv[2]!;
for (const size of [16384, 65536, 262144, 1048576]) {
  const text = seed.repeat(Math.ceil(size / seed.length)).slice(0, size);
  (globalThis as any).gc?.();
  await new Promise((r) => setTimeout(r, 50));
  gcMs = 0;
  const t = performance.now();
  const c = process.cpuUsage();
  const toks = linkify.tokenize(text).length;
  const t1 = performance.now() - t;
  const f = linkify.find(text).length;
  const dt = performance.now() - t;
  await new Promise((r) => setTimeout(r, 50));
  const cu = process.cpuUsage(c);
  console.log(size / 1024 + 'K', 'tokenize', t1.toFixed(0), 'total', dt.toFixed(0) + 'ms', 'cpu', ((cu.user + cu.system) / 1000).toFixed(0), 'gc', gcMs.toFixed(0), 'tokens', toks, f, 'per char µs', (dt * 1000 / size).toFixed(2));
}
