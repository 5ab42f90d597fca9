import { loadRuleSet } from '../../src/index.js';
import { ruleDir } from './harness/rule-files.js';
const rule = (i: number) => `  - id: test.r${i}\n    <<: *base\n    keywords: [w${i}]\n`;
const yaml = `x-base: &base\n  category: solicitation\n  severity: high\n  description: d\n  message: { ja: j, en: e }\nrules:\n${Array.from({ length: 120 }, (_, i) => rule(i)).join('')}`;
const yaml2 = `lists:\n  a: &a [x, y]\n  b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n`;
for (const y of [yaml, yaml2]) {
  const dir = await ruleDir({ 'alias.yaml': y });
  try { await loadRuleSet({ ruleDirs: [dir], builtinRules: false }); console.log('accepted'); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.slice(0, 200)); }
}
