import { loadRuleSet, scan } from '../../src/index.js';
import { SECRET_TEXT } from './harness/fixtures.js';
const rs = await loadRuleSet();
for (const k of [1, 5, 20, 200]) { const t = SECRET_TEXT.repeat(k); for (let i = 0; i < 50; i++) scan(rs, t); const s = performance.now(); for (let i = 0; i < 50; i++) scan(rs, t); console.log(k, t.length, ((performance.now() - s) / 50).toFixed(3), 'ms'); }
