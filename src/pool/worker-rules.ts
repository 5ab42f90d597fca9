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
 */
import { loadRuleSet } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { RulesRef, WorkerReply, WorkerRequest } from './task-kind.js';

const KEEP_VERSIONS = 2;
/** Rule sets by version, oldest first; null when the files on disk had another version. */
const loaded = new Map<string, Promise<RuleSet | null>>();

/**
 * The default export of a worker module: runs `answer` with the caller's rules.
 * @example export default serve(answerCliLines);
 */
export function serve<Task, Answer>(answer: (ruleSet: RuleSet, task: Task) => Answer): (request: WorkerRequest<Task>) => Promise<WorkerReply<Answer>> {
  return async (request) => {
    const ruleSet = await rulesFor(request.rules);
    if (ruleSet === null) return { ok: false, reason: 'rules-changed' };
    return { ok: true, answer: answer(ruleSet, request.task) };
  };
}

function rulesFor(ref: RulesRef): Promise<RuleSet | null> {
  let entry = loaded.get(ref.version);
  if (entry === undefined) {
    // The caller proved these files' patterns safe; a copy with its version is the same bytes.
    entry = loadRuleSet({ ...ref.options, checkRegexSafety: false }).then((ruleSet) => (ruleSet.version === ref.version ? ruleSet : null));
    loaded.set(ref.version, entry);
    while (loaded.size > KEEP_VERSIONS) loaded.delete(loaded.keys().next().value!);
  }
  return entry;
}
