/**
 * Holds the RuleSet in force. A reload builds a whole new frozen RuleSet and swaps the one
 * reference; a scan reads the reference once, so no response ever mixes rule versions, and a
 * reload that fails leaves the previous rules serving.
 */
import type { RuleSet } from '../rules/rule-set.js';

export type ReloadOutcome =
  | { readonly ok: true; readonly ruleSet: RuleSet; readonly previous: RuleSet | undefined; readonly at: Date }
  | { readonly ok: false; readonly error: unknown; readonly current: RuleSet | undefined; readonly at: Date };

export class RulesHolder {
  #current: RuleSet | undefined;
  #lastReload: ReloadOutcome | undefined;
  /** Reloads run one after another: two at once could otherwise finish out of order. */
  #queue: Promise<unknown> = Promise.resolve();

  /** @param load reads and compiles the rule files (bound to the configured directories). */
  constructor(private readonly load: () => Promise<RuleSet>) {}

  /** The RuleSet in force, or undefined before the first successful load. */
  get current(): RuleSet | undefined {
    return this.#current;
  }

  /** The outcome of the most recent load or reload, for metrics and logs. */
  get lastReload(): ReloadOutcome | undefined {
    return this.#lastReload;
  }

  /**
   * Loads the rule files and, only if they are all valid, puts the new RuleSet in force.
   * Never rejects: a failure is returned as `{ ok: false, error }` with the old rules kept.
   */
  reload(): Promise<ReloadOutcome> {
    const run = this.#queue.then(async (): Promise<ReloadOutcome> => {
      const previous = this.#current;
      try {
        const ruleSet = await this.load();
        this.#current = ruleSet;
        this.#lastReload = { ok: true, ruleSet, previous, at: new Date() };
      } catch (error) {
        this.#lastReload = { ok: false, error, current: previous, at: new Date() };
      }
      return this.#lastReload;
    });
    this.#queue = run;
    return run;
  }
}
