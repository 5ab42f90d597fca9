/**
 * Named word lists (`lists:` in rule files): one alias table shared by many rules, so that
 * "the names of LINE" are written once and a deployment can extend them in its own file.
 */
import type { DetectorEnv } from '../detectors/types.js';

const LIST_REF = /^\$([a-z][a-z0-9_]*)$/;
const PATTERN_REF = /\{\{([a-z][a-z0-9_]*)\}\}/g;

export class ListTable {
  private readonly lists: ReadonlyMap<string, readonly string[]>;

  /**
   * @param raw lists as written; a list may include another with a `$name` entry.
   * @param report called for unknown or circular references.
   */
  constructor(
    raw: ReadonlyMap<string, readonly string[]>,
    private readonly env: Pick<DetectorEnv, 'normalizeLiteral' | 'alternation'>,
    report: (message: string) => void = () => {},
  ) {
    const resolved = new Map<string, readonly string[]>();
    const resolving = new Set<string>();
    const resolve = (name: string): readonly string[] => {
      const done = resolved.get(name);
      if (done) return done;
      if (resolving.has(name)) {
        report(`list "${name}" includes itself`);
        return [];
      }
      resolving.add(name);
      const out: string[] = [];
      for (const word of raw.get(name) ?? []) {
        const ref = LIST_REF.exec(word);
        if (!ref) out.push(word);
        else if (!raw.has(ref[1]!)) report(`list "${name}" refers to unknown list "$${ref[1]}"`);
        else out.push(...resolve(ref[1]!));
      }
      resolving.delete(name);
      resolved.set(name, out);
      return out;
    };
    for (const name of raw.keys()) resolve(name);
    this.lists = resolved;
  }

  /** Normalized contents of a list (empty when unknown). */
  get(name: string): readonly string[] {
    return (this.lists.get(name) ?? []).map(this.env.normalizeLiteral);
  }

  /** Replaces `$name` entries by the list's words. @example expandWords(['$line', 'らいん']) */
  expandWords(words: readonly string[], report: (message: string) => void): string[] {
    const out: string[] = [];
    for (const word of words) {
      const ref = LIST_REF.exec(word);
      if (!ref) {
        out.push(word);
        continue;
      }
      const list = this.lists.get(ref[1]!);
      if (list === undefined) report(`unknown list "$${ref[1]}"; define it under "lists:" in a rule file`);
      else out.push(...list);
    }
    return out;
  }

  /** Replaces `{{name}}` in a regex source by the list as an alternation of normalized words. */
  expandInPattern(source: string, report: (message: string) => void): string {
    return source.replace(PATTERN_REF, (_, name: string) => {
      const list = this.lists.get(name);
      if (list === undefined) {
        report(`unknown list "{{${name}}}"; define it under "lists:" in a rule file`);
        return '(?!)';
      }
      return this.env.alternation(list.map(this.env.normalizeLiteral));
    });
  }

  /** Expands `$name` entries inside every string array of a detector's options. */
  expandDeep(value: unknown, report: (message: string) => void): unknown {
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === 'string')) return this.expandWords(value as string[], report);
      return value.map((v) => this.expandDeep(v, report));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.expandDeep(v, report)]));
    }
    return value;
  }
}
