/**
 * The built-in pack's rule files, already read from YAML: `npm run build` writes the data of
 * every file of rules/ to dist/rule-data-cache.json (scripts/rule-data-cache.mjs), keyed by
 * the sha256 of the yaml library's version and the file's exact text. A file whose text is in
 * the cache is not parsed again; any other file, a pack edited since the build or a
 * deployment's own rules, is read from its YAML as before.
 *
 * Why: a fresh process runs the yaml library's code cold, and reading the ten files of the
 * pack took 113–136 ms of the ~0.5 s `kanmon scan` needs to answer one line, in every
 * process and in every worker thread that loads the pack; JSON.parse of the same data takes
 * under a millisecond. See read-rule-file.ts for what a cached file still goes through.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What the build writes. */
export interface RuleDataCacheFile {
  /** sha256 of the yaml version and the file's text → the file's data as JSON text. */
  readonly files: Readonly<Record<string, string>>;
}

/** The data of rule files by their text. */
export class RuleDataCache {
  readonly #files: ReadonlyMap<string, string>;

  constructor(file: RuleDataCacheFile) {
    this.#files = new Map(Object.entries(file.files));
  }

  /**
   * The data of the rule file with this text, a fresh copy (the loader may keep or change
   * it), or undefined when it is not in the cache.
   */
  data(source: string): unknown {
    const json = this.#files.get(cacheKey(source));
    return json === undefined ? undefined : JSON.parse(json);
  }

  get size(): number {
    return this.#files.size;
  }
}

/**
 * The cache file for rule files of these texts, each read with `read` (the loader's own YAML
 * reading; a file it cannot read is left out).
 * @example ruleDataCacheFile(sources, (source) => parseRuleYaml(source).data)
 */
export function ruleDataCacheFile(sources: readonly string[], read: (source: string) => unknown): RuleDataCacheFile {
  const files: Record<string, string> = {};
  for (const source of sources) {
    const data = read(source);
    if (data !== undefined) files[cacheKey(source)] = JSON.stringify(data);
  }
  return { files };
}

/** Where the build writes the built-in pack's cache: dist/ at the package root (from src/rules/, dist/rules/ and dist/bundle/ alike). */
export const SHIPPED_RULE_DATA_CACHE = new URL('../../dist/rule-data-cache.json', import.meta.url);

let shipped: RuleDataCache | null | undefined;

/**
 * The cache the build wrote, read once per process; null when there is none (running from
 * the sources before a build) or it cannot be read, and then every file is parsed.
 */
export function shippedRuleDataCache(): RuleDataCache | null {
  if (shipped === undefined) {
    try {
      shipped = new RuleDataCache(JSON.parse(readFileSync(SHIPPED_RULE_DATA_CACHE, 'utf8')) as RuleDataCacheFile);
    } catch {
      shipped = null;
    }
  }
  return shipped;
}

/**
 * The key of a file's text. The yaml library's version is part of it: data read by another
 * version is not taken for this one's.
 */
function cacheKey(source: string): string {
  yamlVersion ??= (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`${yamlVersion}\0${source}`).digest('hex');
}
let yamlVersion: string | undefined;
