/**
 * What a scan pool needs to know of a kind of work: the worker module that runs it and the
 * same function for the caller's thread. A task is a chunk of input lines or items in, one
 * cloneable answer out, a pure function of a rule set and the task, so the answer is the same
 * wherever it runs.
 *
 * A chunk, not an item, is the unit: a round trip to a worker costs ~0.1 ms (an empty task,
 * Node 20 on the 2-core benchmark machine), as much as scanning one ~300-character message
 * (~0.17 ms) or a dozen ~50-character ones; a chunk of 256 lines pays it once.
 */
import type { RuleFileData } from '../rules/compile-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';

export interface TaskKind<Task, Answer> {
  /** The worker module (see worker-rules.ts `serve`); each kind has its own so a worker loads only what it runs. */
  readonly worker: URL;
  /** The work itself, for the caller's thread. */
  answer(ruleSet: RuleSet, task: Task): Answer;
}

/**
 * Which rules a task needs: the version (sha256 of the rule files) the caller has, so a worker
 * can tell whether its own copy is the same, and, when the worker said it has none, the
 * caller's validated files to compile one from.
 */
export interface RulesRef {
  readonly version: string;
  readonly files?: readonly RuleFileData[];
}

/** What the pool sends a worker. */
export interface WorkerRequest<Task> {
  readonly rules: RulesRef;
  readonly task: Task;
}

/** What a worker answers: the task's answer, or that it needs the caller's rule files first. */
export type WorkerReply<Answer> = { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly reason: 'rules-needed' };

/**
 * The URL of a worker module next to the calling module: `name.js` in dist/, `name.ts` when
 * running from the sources (tests, tsx), which a worker thread loads through tsx.
 * @example workerUrl(import.meta.url, 'cli-worker')
 */
export function workerUrl(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}
