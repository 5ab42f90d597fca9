/**
 * The rules of a pool's worker thread. A rule set holds compiled RegExps and functions, which
 * cannot cross threads, so each worker compiles its own copy from the caller's validated rule
 * files, sent as plain data (`ruleFilesOf`), and keeps it until a task names another version:
 *
 * - a task names the version (sha256 of the rule files) its caller scans with; a worker
 *   without that version answers `rules-needed`, and the pool sends the task again with the
 *   files. Only that first task per thread and version carries them (~100 KB for the built-in
 *   pack), and the copy is the caller's whatever the files on disk say now;
 * - it keeps the last two versions, so a batch that began before a reload finishes on the
 *   rules it began with while new batches already use the new ones.
 *
 * Compiling from data skips what the caller already did: reading files, parsing YAML (a
 * quarter of a fresh thread's CPU in a profile), validating, proving patterns safe; and the
 * thread does not load the YAML library at all. A service's first pooled batch (64 lines,
 * KANMON_WORKERS=1) took 355–363 ms instead of 457–547, and 520–560 ms of the process's CPU
 * instead of 730–810 (medians of 7 fresh services each, two runs).
 *
 * A pool made with `preload` (the CLI) has its workers load the rules from disk as they start,
 * while the caller is still loading and checking its own copy; if that copy turns out to be
 * another version (the files changed in between), the first task asks for the caller's.
 */
import { workerData } from 'node:worker_threads';
import { compileRuleSetFrom } from '../rules/compile-rule-set.js';
import type { LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { RulesRef, WorkerReply, WorkerRequest } from './task-kind.js';

const KEEP_VERSIONS = 2;
/** Rule sets by version, oldest first, while compiling too (so concurrent tasks share one compile). */
const loaded = new Map<string, Promise<RuleSet>>();

/** What a pool hands its workers (piscina's `workerData`). */
export interface PoolWorkerData {
  /** Load these rules when the thread starts. */
  readonly preload?: LoadOptions;
}

/** The rules loaded at start; null if they failed to load. */
let preloaded: Promise<RuleSet | null> | undefined;

/**
 * Starts loading the rules a pool's `workerData` names, and resolves when done (never
 * rejects: a worker whose rules failed to load asks for the caller's on its first task). A
 * worker module exports its handler after it, so piscina reports the thread ready only then:
 * while a thread waits for tasks it blocks on Atomics.wait and asynchronous work stands still.
 * The loader (YAML, the schema) is imported only here, so a thread that never preloads does
 * not load it.
 * @example export default preloadRules().then(() => serve(answer));
 */
export async function preloadRules(data: unknown = workerData): Promise<void> {
  const options = (data as PoolWorkerData | null | undefined)?.preload;
  if (options === undefined || preloaded !== undefined) return;
  preloaded = import('../rules/load.js')
    .then(({ loadRuleSet }) => loadRuleSet({ ...options, checkRegexSafety: false }))
    .catch(() => null);
  await preloaded;
}

/**
 * The default export of a worker module: runs `answer` with the caller's rules.
 * @example export default serve(answerCliBlock);
 */
export function serve<Task, Answer>(answer: (ruleSet: RuleSet, task: Task) => Answer): (request: WorkerRequest<Task>) => Promise<WorkerReply<Answer>> {
  return async (request) => {
    const ruleSet = await rulesFor(request.rules);
    if (ruleSet === null) return { ok: false, reason: 'rules-needed' };
    return { ok: true, answer: answer(ruleSet, request.task) };
  };
}

async function rulesFor(ref: RulesRef): Promise<RuleSet | null> {
  const entry = loaded.get(ref.version);
  if (entry !== undefined) return entry;
  const atStart = await preloaded;
  if (atStart?.version === ref.version) {
    remember(ref.version, Promise.resolve(atStart));
    return atStart;
  }
  // Checked again: another task may have started this compile while this one waited.
  let compiling = loaded.get(ref.version);
  if (compiling === undefined) {
    if (ref.files === undefined) return null;
    // A compile that fails (it should not: the caller compiled the same files with the same
    // code) stays failed for the version, so its tasks run in the caller at once instead of
    // each sending the files and compiling again.
    compiling = compileRuleSetFrom(ref.version, ref.files);
    remember(ref.version, compiling);
  }
  return compiling;
}

function remember(version: string, ruleSet: Promise<RuleSet>): void {
  loaded.set(version, ruleSet);
  while (loaded.size > KEEP_VERSIONS) loaded.delete(loaded.keys().next().value!);
}
