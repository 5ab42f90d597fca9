/**
 * The built-in pack's rule files come already read from YAML (dist/rule-data-cache.json,
 * written by `npm run build`): a file whose text is in the cache skips the YAML parse and
 * loads exactly as it would from its YAML; anything else is read from its YAML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { readRuleFile, ruleYamlData, ruleYamlParses, type ReadResult } from '../../src/rules/read-rule-file.js';
import { RuleDataCache, ruleDataCacheFile, SHIPPED_RULE_DATA_CACHE, shippedRuleDataCache } from '../../src/rules/rule-data-cache.js';

const builtin = readdirSync(BUILTIN_RULES_DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, source: readFileSync(path.join(BUILTIN_RULES_DIR, name), 'utf8') }));
const cacheOf = (sources: readonly string[], read: (source: string) => unknown = ruleYamlData) => new RuleDataCache(ruleDataCacheFile(sources, read));

const SMALL = `rules:
  - id: test.word
    category: line
    severity: high
    description: A rule of this test.
    message: { ja: "テスト用の規則です。", en: "A test rule." }
    keywords: [らいん]
`;

/** Every path into `value` down to `depth` levels. */
function pathsIn(value: unknown, at: (string | number)[], depth: number): (string | number)[][] {
  if (depth === 0 || value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((key) => pathsIn((value as Record<string | number, unknown>)[key], [...at, key], depth - 1))];
}

function parsedOf(result: ReadResult) {
  if (!result.ok) throw new Error(`expected the file to read: ${JSON.stringify(result.issues)}`);
  return result.parsed;
}

describe('rule files read from the cache', () => {
  it('give the data their YAML gives, for every file of the built-in pack', () => {
    const cache = cacheOf(builtin.map((f) => f.source));
    expect(cache.size).toBe(builtin.length);
    for (const { name, source } of builtin) {
      expect(parsedOf(readRuleFile(name, source, cache)).data, name).toEqual(parsedOf(readRuleFile(name, source)).data);
    }
  });

  it('take their data from the cache, not from the YAML', () => {
    const fromCache = { rules: [{ ...(ruleYamlData(SMALL) as { rules: object[] }).rules[0], id: 'test.from-cache' }] };
    const parsed = parsedOf(readRuleFile('small.yaml', SMALL, cacheOf([SMALL], () => fromCache)));
    expect(parsed.data.rules![0]!.id).toBe('test.from-cache');
  });

  it('give a fresh copy each time, so one load cannot change what the next reads', () => {
    const cache = cacheOf([SMALL]);
    const first = parsedOf(readRuleFile('small.yaml', SMALL, cache));
    first.data.rules![0]!.id = 'changed';
    expect(parsedOf(readRuleFile('small.yaml', SMALL, cache)).data.rules![0]!.id).toBe('test.word');
  });

  it('are found by their exact text: a changed file is read from its YAML', () => {
    const changed = SMALL.replace('らいん', 'らいんあいでぃ');
    const parsed = parsedOf(readRuleFile('small.yaml', changed, cacheOf([SMALL])));
    expect(parsed.data.rules![0]!.keywords).toEqual(['らいんあいでぃ']);
  });

  it('still pass the schema check: cached data that fails it is read again from the YAML, errors with their positions', () => {
    const broken = SMALL.replace('severity: high', 'severity: extreme');
    const result = readRuleFile('broken.yaml', broken, cacheOf([broken]));
    expect(result.ok).toBe(false);
    expect(result).toEqual(readRuleFile('broken.yaml', broken));
  });

  it('locate every value at the line and column its YAML gives, in every file of the built-in pack', () => {
    const cache = cacheOf(builtin.map((f) => f.source));
    for (const { name, source } of builtin) {
      const cached = parsedOf(readRuleFile(name, source, cache));
      const plain = parsedOf(readRuleFile(name, source));
      const paths = pathsIn(cached.data, [], 4);
      expect(paths.length, name).toBeGreaterThan(5);
      for (const at of paths) expect(cached.locate(at), `${name} ${at.join('.')}`).toEqual(plain.locate(at));
    }
  });

  it('leave out a file whose YAML does not read', () => {
    expect(cacheOf(['rules: [unclosed']).size).toBe(0);
  });
});

describe('the cache the build writes', () => {
  // `npm ci` builds (the prepare script), so this runs in CI; a checkout never built has no cache.
  it.runIf(existsSync(SHIPPED_RULE_DATA_CACHE))('holds every file of the built-in pack as it is now (after changing rules/, run `npm run build`)', () => {
    const cache = shippedRuleDataCache()!;
    for (const { name, source } of builtin) expect(cache.data(source), name).toEqual(ruleYamlData(source));
  });

  it.runIf(existsSync(SHIPPED_RULE_DATA_CACHE))('spares a load of the built-in pack every YAML parse', async () => {
    const before = ruleYamlParses();
    await loadRuleSet();
    expect(ruleYamlParses()).toBe(before);
  });
});
