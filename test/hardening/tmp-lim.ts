import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadRuleSet, RulesInvalidError, formatRuleIssue } from '../../src/index.js';
const base = { id: 'test.limit', category: 'solicitation', severity: 'high', description: 'd', message: { ja: 'j', en: 'e' } };
const words = (n: number, len = 3) => Array.from({ length: n }, (_, i) => `w${String(i).padStart(len - 1, '0')}`);
const cases: Record<string, unknown> = {
  wordsPerList: { lists: { many: words(501) }, rules: [{ ...base, keywords: ['$many'] }] },
  wordLength: { rules: [{ ...base, keywords: ['x'.repeat(65)] }] },
  patternsPerRule: { rules: [{ ...base, patterns: words(33).map((w) => `${w}z`) }] },
  patternLength: { rules: [{ ...base, patterns: ['a'.repeat(1001)] }] },
  windowChars: { rules: [{ ...base, keywords: ['ok'], context: { requireNear: [{ words: ['x'], before: 201 }] } }] },
  examplesPerRule: { rules: [{ ...base, keywords: ['ok'], examples: { match: Array.from({ length: 101 }, () => 'ok') } }] },
  exampleLength: { rules: [{ ...base, keywords: ['ok'], examples: { match: ['ok' + 'x'.repeat(4000)] } }] },
  rulesPerFile: { rules: Array.from({ length: 501 }, (_, i) => ({ ...base, id: `test.r${i}`, keywords: ['ok'] })) },
  keywordsPerRule: { rules: [{ ...base, keywords: words(501) }] },
  requireNear: { rules: [{ ...base, keywords: ['ok'], context: { requireNear: Array.from({ length: 9 }, () => ({ words: ['x'] })) } }] },
  detectorWords: { lists: { a: words(500, 4), b: words(500, 5), c: words(500, 6), d: words(500, 7), e: ['extra'] }, rules: [{ ...base, detector: 'keyword', options: { words: ['$a', '$b', '$c', '$d', '$e'] } }] },
  within: { rules: [{ ...base, detector: 'contact-id', options: { platforms: ['line'], within: 61 } }] },
};
const dir = await mkdtemp(path.join(tmpdir(), 'lim-'));
for (const [name, content] of Object.entries(cases)) {
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, stringify(content));
  try { await loadRuleSet({ ruleDirs: [file], builtinRules: false }); console.log(name, 'ACCEPTED'); }
  catch (e) { console.log(name, '=>', (e as RulesInvalidError).issues?.map(formatRuleIssue).join(' || ').slice(0, 300) ?? String(e)); }
}
