import { runOverload } from './harness/overload.js';
const r = await runOverload({ overloadFactor: Number(process.argv[2] ?? 4), durationMs: 4000, retryAfterSeconds: 2, workers: Number(process.argv[3] ?? 0) });
console.log(JSON.stringify(r, null, 1));
