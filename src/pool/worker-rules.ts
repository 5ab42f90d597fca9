/**
 * The rules of a pool's worker thread. A rule set holds compiled RegExps and functions, which
 * cannot cross threads, so each worker loads the rules itself with the caller's options,
 * once, and keeps them until a task names another version:
 *
 * - it keeps the last two versions, so a batch that began before a reload finishes on the
 *   rules it began with while new batches already use the new ones;
 * - it uses a copy only if its version (the sha256 of the rule files) is the caller's; if the
 *   files changed on disk since the caller loaded them, the worker answers `rules-changed`
 *   and the caller runs the task itself. No answer ever comes from other rules than the
 *   caller's.
 *
 * A pool made with `preload` (the CLI) has its workers load the rules as they start, while
 * the caller is still loading and checking its own copy, instead of on the first task.
 */
import { workerData } from 'node:worker_threads';
import { loadRuleSet, type LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { RulesRef, WorkerReply, WorkerRequest } from './task-kind.js';

const KEEP_VERSIONS = 2;
/** Rule sets by version, oldest first; null when the files on disk had another version. */
const loaded = new Map<string, Promise<RuleSet | null>>();

/** What a pool hands its workers (piscina's `workerData`). */
export interface PoolWorkerData {
  /** Load these rules when the thread starts. */
  readonly preload?: LoadOptions;
}

/** The rules loaded at start, with the options they were loaded with; null if they failed to load. */
let preloaded: { key: string; ruleSet: Promise<RuleSet | null> } | undefined;

/**
 * Starts loading the rules a pool's `workerData` names, and resolves when done (never
 * rejects: rules that fail to load here are loaded again, and fail, on a task). A worker
 * module exports its handler after it, so piscina reports the thread ready only then: while
 * a thread waits for tasks it blocks on Atomics.wait and asynchronous work stands still.
 * @example export default preloadRules().then(() => serve(answer));
 */
export async function preloadRules(data: unknown = workerData): Promise<void> {
  const options = (data as PoolWorkerData | null | undefined)?.preload;
  if (options === undefined || preloaded !== undefined) return;
  const ruleSet = loadCopy(options).catch(() => null);
  preloaded = { key: optionsKey(options), ruleSet };
  await ruleSet;
}

/**
 * The default export of a worker module: runs `answer` with the caller's rules.
 * @example export default serve(answerCliBlock);
 */
export function serve<Task, Answer>(answer: (ruleSet: RuleSet, task: Task) => Answer): (request: WorkerRequest<Task>) => Promise<WorkerReply<Answer>> {
  return async (request) => {
    const ruleSet = await rulesFor(request.rules);
    if (ruleSet === null) return { ok: false, reason: 'rules-changed' };
    return { ok: true, answer: answer(ruleSet, request.task) };
  };
}

async function rulesFor(ref: RulesRef): Promise<RuleSet | null> {
  const entry = loaded.get(ref.version);
  if (entry !== undefined) return entry;
  if (preloaded !== undefined && preloaded.key === optionsKey(ref.options)) {
    const ruleSet = await preloaded.ruleSet;
    if (ruleSet?.version === ref.version) {
      remember(ref.version, Promise.resolve(ruleSet));
      return ruleSet;
    }
  }
  // Checked again: another task may have started this load while this one waited.
  let loading = loaded.get(ref.version);
  if (loading === undefined) {
    loading = loadCopy(ref.options).then((ruleSet) => (ruleSet.version === ref.version ? ruleSet : null));
    remember(ref.version, loading);
  }
  return loading;
}

/** The caller's rules loaded again here; the caller proved their patterns safe, so they are not checked again. */
const loadCopy = (options: LoadOptions): Promise<RuleSet> => loadRuleSet({ ...options, checkRegexSafety: false });

function remember(version: string, ruleSet: Promise<RuleSet | null>): void {
  loaded.set(version, ruleSet);
  while (loaded.size > KEEP_VERSIONS) loaded.delete(loaded.keys().next().value!);
}

const optionsKey = (options: LoadOptions): string => JSON.stringify([options.builtinRules !== false, options.ruleDirs ?? []]);
