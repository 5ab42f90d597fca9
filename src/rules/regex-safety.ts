/**
 * Load-time check that a rule's regular expression cannot backtrack catastrophically
 * (the 2019 CDN outage pattern). Uses `recheck`, which decides with an automata-theoretic
 * analysis and falls back to guided fuzzing where the automaton cannot (look-behind,
 * back-references). Returns a message naming the problem and the pattern when it is unsafe.
 *
 * Why reject rather than run every rule on a linear-time engine (RE2): V8's backtracking
 * engine is 5–10× faster than RE2 on the pack's patterns, and the check costs nothing per
 * scan — only load time (docs/reliability.md has the figures).
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import type { Diagnostics } from 'recheck';

// A scan pool's worker threads never check (they load rules their caller checked) and are
// spared the ~35 MB checker; the main thread loads it with this module, as before, so that
// loading it never adds to the start-up rule load that the overload check samples.
const require = createRequire(import.meta.url);
const loadRecheck = (): typeof import('recheck').checkSync => (require('recheck') as typeof import('recheck')).checkSync;
let checkSync = isMainThread ? loadRecheck() : undefined;

// The automaton checker answers our rule patterns in ~4 ms each (207 ms for the 51 context
// clauses of the default pack, measured here); fuzzing takes up to seconds, so it is only
// the fallback for patterns the automaton cannot model.
const AUTOMATON = { checker: 'automaton', timeout: 2_000 } as const;
const FUZZ = { checker: 'fuzz', timeout: 4_000 } as const;
/** Long enough to recognise a pattern; a `{{list}}` can expand one to thousands of characters. */
const SHOWN_PATTERN_LENGTH = 120;

const cache = new Map<string, string | null>();
const stats = { checked: 0, ms: 0 };

/** @example checkRegexSafety('(a+)+$') // 'catastrophic backtracking (exponential) in /(a+)+$/: …' */
export function checkRegexSafety(source: string): string | null {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const started = performance.now();
  checkSync ??= loadRecheck();
  let result: Diagnostics = checkSync(source, 'u', AUTOMATON);
  if (result.status === 'unknown') result = checkSync(source, 'u', FUZZ);
  const verdict = describe(result, source);
  stats.checked++;
  stats.ms += performance.now() - started;
  cache.set(source, verdict);
  return verdict;
}

/** Patterns checked so far in this process (cached verdicts excluded) and the time it took. */
export const regexSafetyStats = (): Readonly<typeof stats> => ({ ...stats });

function describe(result: Diagnostics, source: string): string | null {
  const shown = source.length > SHOWN_PATTERN_LENGTH ? `${source.slice(0, SHOWN_PATTERN_LENGTH)}…` : source;
  switch (result.status) {
    case 'safe':
      return null;
    case 'vulnerable': {
      const kind = result.complexity.type === 'exponential' ? 'exponential' : `polynomial, degree ${result.complexity.degree}`;
      return `catastrophic backtracking (${kind}) in /${shown}/: an input like ${JSON.stringify(result.attack.pattern)} makes it slow; bound the repetition (e.g. {0,20}) or remove the nested/overlapping quantifier`;
    }
    default:
      return `cannot prove /${shown}/ safe from catastrophic backtracking (${result.error.kind}); simplify it`;
  }
}
