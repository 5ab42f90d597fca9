/**
 * Load-time check that a rule's regular expression cannot backtrack catastrophically
 * (the 2019 CDN outage pattern). Uses `recheck`, which decides with an automata-theoretic
 * analysis and falls back to guided fuzzing where the automaton cannot (look-behind,
 * back-references). Returns a message naming the problem and the pattern when it is unsafe.
 *
 * Why reject rather than run every rule on a linear-time engine (RE2): V8's backtracking
 * engine is 5–10× faster than RE2 on the pack's patterns, and the check costs nothing per
 * scan — only load time (docs/reliability.md has the figures).
 *
 * Where the check runs: rule loading (`checkRegexSafetyAll`) asks a short-lived child process,
 * which loads recheck, answers, and exits. In-process, recheck stayed for good once loaded —
 * its 4 MB scala.js bundle compiled in the calling thread plus synckit's worker thread that
 * runs it — and held 42 MiB of the service's 173 MiB idle resident memory (VmRSS 2 s after
 * ready, default rules; 131 MiB without). A reload checks only expressions not seen before:
 * verdicts are cached here by expression. `checkRegexSafety` (one expression, synchronously)
 * still loads recheck in this process, on first use only.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Diagnostics } from 'recheck';
import { BUILTIN_SAFE_REGEX_SHA256 } from './builtin-regex-verdicts.js';

const require = createRequire(import.meta.url);
let checkSync: typeof import('recheck').checkSync | undefined;

// The automaton checker answers our rule patterns in ~4 ms each (207 ms for the 51 context
// clauses of the default pack, measured here); fuzzing takes up to seconds, so it is only
// the fallback for patterns the automaton cannot model.
const AUTOMATON = { checker: 'automaton', timeout: 2_000 } as const;
const FUZZ = { checker: 'fuzz', timeout: 4_000 } as const;
/** Long enough to recognise a pattern; a `{{list}}` can expand one to thousands of characters. */
const SHOWN_PATTERN_LENGTH = 120;

const cache = new Map<string, string | null>();
const stats = { checked: 0, ms: 0 };
/**
 * The built-in pack's expressions, proved safe when the pack was last changed (by sha256 of the
 * expression, builtin-regex-verdicts.ts). Without them every `kanmon` command and every service
 * start spent ~0.3 s waiting for the recheck child (wall 0.81 → 1.11–1.25 s for loading the
 * pack, 0.25 s more CPU) to re-prove what cannot have changed. An expression edited since is
 * not in the table and is checked as before; a test keeps the table equal to recheck's verdicts.
 */
const shippedSafe = new Set(BUILTIN_SAFE_REGEX_SHA256);
let useShipped = true;

/** What of recheck's Diagnostics the verdict needs (all of it plain JSON, so it crosses a pipe). */
type Outcome = Pick<Diagnostics, 'status'> & {
  complexity?: { type: string; degree?: number };
  attack?: { pattern: string };
  error?: { kind: string };
};

/**
 * Checks one expression in this process (recheck is loaded on first use and stays).
 * @example checkRegexSafety('(a+)+$') // 'catastrophic backtracking (exponential) in /(a+)+$/: …'
 */
export function checkRegexSafety(source: string): string | null {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const started = performance.now();
  checkSync ??= (require('recheck') as typeof import('recheck')).checkSync;
  let result: Diagnostics = checkSync(source, 'u', AUTOMATON);
  if (result.status === 'unknown') result = checkSync(source, 'u', FUZZ);
  const verdict = describe(result as Outcome, source);
  stats.checked++;
  stats.ms += performance.now() - started;
  cache.set(source, verdict);
  return verdict;
}

/**
 * The known verdict on an expression: a message, null when safe (checked here, or shipped for
 * the built-in pack), undefined when not checked yet.
 * @example knownRegexSafety('[a-z]+') // null once checked
 */
export function knownRegexSafety(source: string): string | null | undefined {
  if (cache.has(source)) return cache.get(source);
  return useShipped && shippedSafe.has(regexSha256(source)) ? null : undefined;
}

/** The key of an expression in builtin-regex-verdicts.ts. */
export const regexSha256 = (source: string): string => createHash('sha256').update(source).digest('hex');

/**
 * Whether {@link knownRegexSafety} trusts the shipped verdicts (default true). Off, every
 * expression is checked by recheck: how the table is made (scripts/gen-regex-verdicts.ts) and
 * how the reliability report times a load from scratch.
 */
export function useShippedRegexVerdicts(on: boolean): void {
  useShipped = on;
}

/**
 * Every verdict recheck gave in this process, by expression.
 * @example await loadRuleSet(); checkedRegexVerdicts().size // expressions checked by that load
 */
export const checkedRegexVerdicts = (): ReadonlyMap<string, string | null> => new Map(cache);

/**
 * Checks every expression not checked before, in one short-lived child process, and returns
 * the verdicts of all of them (as `checkRegexSafety` would give them). Should the child fail
 * (it cannot start, or dies), the rest are checked in this process instead.
 * @example const verdicts = await checkRegexSafetyAll(['(a+)+$', '[a-z]+']) // Map { '(a+)+$' => 'catastrophic…', '[a-z]+' => null }
 */
export async function checkRegexSafetyAll(sources: Iterable<string>): Promise<Map<string, string | null>> {
  const all = [...new Set(sources)];
  const unknown = all.filter((source) => !cache.has(source));
  if (unknown.length > 0) {
    const started = performance.now();
    const outcomes = await checkInChild(unknown).catch(() => [] as Outcome[]);
    for (const [i, outcome] of outcomes.entries()) {
      if (cache.has(unknown[i]!)) continue;
      cache.set(unknown[i]!, describe(outcome, unknown[i]!));
      stats.checked++;
    }
    stats.ms += performance.now() - started;
    // What the child did not answer (it failed part-way or could not start).
    for (const source of unknown.slice(outcomes.length)) checkRegexSafety(source);
  }
  return new Map(all.map((source) => [source, cache.get(source)!]));
}

/** Patterns checked so far in this process (cached verdicts excluded) and the time it took. */
export const regexSafetyStats = (): Readonly<typeof stats> => ({ ...stats });

/**
 * The child: reads `{ sources, automaton, fuzz }` as JSON on stdin and writes one JSON line
 * per source, as it goes, so the answers given before any failure count. It runs recheck's
 * asynchronous `check` (the native agent when installed, as `checkSync` does underneath).
 */
const CHILD_SCRIPT = `
const { check } = require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8').on('data', (data) => (input += data)).on('end', async () => {
  const { sources, automaton, fuzz } = JSON.parse(input);
  for (const source of sources) {
    let d = await check(source, 'u', automaton);
    if (d.status === 'unknown') d = await check(source, 'u', fuzz);
    const outcome = { status: d.status, complexity: d.complexity && { type: d.complexity.type, degree: d.complexity.degree }, attack: d.attack && { pattern: d.attack.pattern }, error: d.error && { kind: d.error.kind } };
    process.stdout.write(JSON.stringify(outcome) + '\\n');
  }
  process.exit(0);
});
`;

function checkInChild(sources: readonly string[]): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, require.resolve('recheck')], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (output += data));
    child.on('error', reject);
    child.on('close', () => {
      const outcomes: Outcome[] = [];
      for (const line of output.split('\n')) {
        if (line === '') continue;
        try {
          outcomes.push(JSON.parse(line) as Outcome);
        } catch {
          break;
        }
      }
      resolve(outcomes.slice(0, sources.length));
    });
    child.stdin.on('error', () => {}); // a child that died early: 'close' reports it
    child.stdin.end(JSON.stringify({ sources, automaton: AUTOMATON, fuzz: FUZZ }));
  });
}

function describe(result: Outcome, source: string): string | null {
  const shown = source.length > SHOWN_PATTERN_LENGTH ? `${source.slice(0, SHOWN_PATTERN_LENGTH)}…` : source;
  switch (result.status) {
    case 'safe':
      return null;
    case 'vulnerable': {
      const kind = result.complexity?.type === 'exponential' ? 'exponential' : `polynomial, degree ${result.complexity?.degree}`;
      return `catastrophic backtracking (${kind}) in /${shown}/: an input like ${JSON.stringify(result.attack?.pattern)} makes it slow; bound the repetition (e.g. {0,20}) or remove the nested/overlapping quantifier`;
    }
    default:
      return `cannot prove /${shown}/ safe from catastrophic backtracking (${result.error?.kind}); simplify it`;
  }
}
