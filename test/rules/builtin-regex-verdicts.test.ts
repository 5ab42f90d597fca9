/**
 * The built-in pack's regular expressions come with recheck's verdicts (builtin-regex-verdicts.ts),
 * so loading the pack starts no recheck child; anything else is still checked when it loads.
 * Each test takes fresh modules: the verdicts a process has seen are cached in regex-safety.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RULE_BASE, ruleDir } from '../hardening/harness/rule-files.js';

type Safety = typeof import('../../src/rules/regex-safety.js');
type Load = typeof import('../../src/rules/load.js');

let safety: Safety;
let load: Load;
beforeEach(async () => {
  vi.resetModules();
  safety = await import('../../src/rules/regex-safety.js');
  load = await import('../../src/rules/load.js');
});

describe('the shipped regex verdicts', () => {
  it('are recheck’s verdicts on the pack as it is now (after changing rules/, run `npm run rules:verdicts`)', async () => {
    const { builtinRegexVerdictTable } = await import('../../src/rules/regex-verdict-table.js');
    const committed = readFileSync(new URL('../../src/rules/builtin-regex-verdicts.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await builtinRegexVerdictTable());
    // Every expression the pack compiles was checked for the table (none came from it).
    expect(safety.regexSafetyStats().checked).toBe(committed.match(/'[0-9a-f]{64}'/g)!.length);
  });

  it('spare the built-in pack the recheck child: loading it checks nothing', async () => {
    const ruleSet = await load.loadRuleSet();
    expect(ruleSet.rules.length).toBeGreaterThan(0);
    expect(safety.regexSafetyStats().checked).toBe(0);
  });

  it('cover only the pack: a rule file of its own is still checked, and an unsafe pattern refused', async () => {
    const dir = await ruleDir({ 'local.yaml': { rules: [{ id: 'local.a', ...RULE_BASE, patterns: ['ひみつ[0-9]{2,8}', '(a+)+$'] }] } });
    const error = await load.loadRuleSet({ ruleDirs: [dir] }).catch((e: unknown) => e);
    expect((error as { issues?: { message: string }[] }).issues?.map((issue) => issue.message)).toEqual([expect.stringContaining('catastrophic backtracking (exponential) in /(a+)+$/')]);
    expect(safety.regexSafetyStats().checked).toBe(2);
  });

  it('can be set aside, so every expression of the pack is checked again', async () => {
    safety.useShippedRegexVerdicts(false);
    await load.loadRuleSet();
    expect(safety.regexSafetyStats().checked).toBeGreaterThan(100);
  });
});
