import { loadRuleSet, scan } from '../../src/index.js';
const rs = await loadRuleSet();
const seed = process.argv[2]!; const size = Number(process.argv[3]);
const text = seed.repeat(Math.ceil(size / seed.length)).slice(0, size);
scan(rs, text.slice(0, 4096));
const t = performance.now(); scan(rs, text); console.log('ms', performance.now() - t);
