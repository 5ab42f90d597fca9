import { loadRuleSet, scan } from '../../src/index.js';
const rs = await loadRuleSet();
for (let k = 1; k <= 50; k++) {
  const t = 'LINE\ud800@insta_LINE🇯🇵'.repeat(k);
  const v = scan(rs, t).violations;
  const sorted = v.every((x, i) => i === 0 || v[i - 1]!.start <= x.start);
  if (!sorted) { console.log(k, JSON.stringify(t), v.map((x) => `${x.ruleId}@${x.start}-${x.end}`).join(' ')); break; }
}
for (const t of ['LINE @insta_LINE LINE @insta_', 'インスタ @insta_x LINE @insta_x', 'LINE @insta_LINE @insta_LINE']) { const v = scan(rs, t).violations; console.log(JSON.stringify(t), v.map((x) => `${x.ruleId}@${x.start}-${x.end}`).join(' ')); }
