/**
 * Measures what docs/reliability.md reports and rewrites its figures section (between the
 * `figures` markers; the prose around it is kept). Runs the same scenarios as
 * test/hardening/, each once, against child processes on 127.0.0.1: ~3 minutes.
 *
 *   npx tsx scripts/reliability-report.ts            # measure and rewrite docs/reliability.md
 *   npx tsx scripts/reliability-report.ts --print    # measure and print the section only
 */
import { availableParallelism, cpus } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../src/index.js';
import { regexSafetyStats, useShippedRegexVerdicts } from '../src/rules/regex-safety.js';
import { ADVERSARIAL_CASES, KNOWN_SUPERLINEAR_CASES } from '../test/hardening/harness/adversarial-texts.js';
import { spawnServer } from '../test/hardening/harness/child-server.js';
import { fuzzServerEnv, runHttpFuzz } from '../test/hardening/harness/http-fuzz.js';
import { runOverload } from '../test/hardening/harness/overload.js';
import { runReloadUnderLoad } from '../test/hardening/harness/reload-under-load.js';
import { growthRatio, KiB, measureScanGrowth, MiB, type GrowthCase } from '../test/hardening/harness/scan-growth.js';
import { runShutdownUnderLoad } from '../test/hardening/harness/shutdown-under-load.js';

const DOC = fileURLToPath(new URL('../docs/reliability.md', import.meta.url));
const START = '<!-- figures:start (scripts/reliability-report.ts writes this section) -->';
const END = '<!-- figures:end -->';

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const size = (chars: number) => (chars >= MiB ? `${chars / MiB} MiB` : `${chars / KiB} KiB`);
const step = (label: string) => process.stderr.write(`reliability: ${label}\n`);
const out: string[] = [];
const line = (text = '') => out.push(text);

line(`Last run: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}.`);
line('Timings vary between runs and machines; the tests assert ratios, counts and outcomes, never these numbers.');
line();

step('rule loading and recheck');
{
  const timed = async () => {
    const started = performance.now();
    const ruleSet = await loadRuleSet();
    return { ms: performance.now() - started, ruleSet };
  };
  // The first load also compiles the loader (YAML, schema, rule compiler); the loads after it
  // compare what the verdicts change on equal terms.
  const first = await timed();
  const shipped = await timed();
  // The same load with the shipped verdicts set aside: what any rule file of the size pays on first load.
  useShippedRegexVerdicts(false);
  const cold = await timed();
  useShippedRegexVerdicts(true);
  const checks = regexSafetyStats();
  const warm = await timed();
  line('### Rule loading');
  line();
  line('| | |');
  line('|---|---|');
  line(`| built-in pack | ${first.ruleSet.rules.length} rules |`);
  line(`| distinct regular expressions checked by recheck | ${checks.checked} |`);
  line(`| recheck time, all of them | ${ms(checks.ms)} ms (${ms(checks.ms / Math.max(1, checks.checked))} ms each on average) |`);
  line(`| first load in a process (the loader compiling too; verdicts shipped) | ${ms(first.ms)} ms |`);
  line(`| load of the built-in pack, verdicts shipped (src/rules/builtin-regex-verdicts.ts) / every expression checked by recheck | ${ms(shipped.ms)} ms / ${ms(cold.ms)} ms |`);
  line(`| a reload (verdicts cached) | ${ms(warm.ms)} ms |`);
  line('| cost per scan | none: the same V8 regular expressions run whether or not they were checked |');
  line();
}

step('adversarial scans');
{
  const run = await measureScanGrowth(ADVERSARIAL_CASES, 600_000);
  line('### Adversarial texts');
  line();
  line('CPU time of one scan (normalization included), in a child process; "growth" is the ratio between the two sizes, 16× apart (linear: 16, quadratic: 256; the test allows 84).');
  line();
  line('| input | small | large | growth |');
  line('|---|---|---|---|');
  for (const c of ADVERSARIAL_CASES) {
    const [small, large] = [c.sizes[0]!, c.sizes[c.sizes.length - 1]!].map((s) => run.measurements.find((m) => m.name === c.name && m.size === s));
    line(`| ${c.name} | ${size(small?.size ?? 0)}: ${ms(small?.cpuMs ?? Number.NaN)} ms | ${size(large?.size ?? 0)}: ${ms(large?.cpuMs ?? Number.NaN)} ms | ${growthRatio(run, c).toFixed(1)}× |`);
  }
  line();
  const oneMib: GrowthCase[] = ADVERSARIAL_CASES.filter((c) => c.sizes.includes(MiB)).map((c) => ({ ...c, sizes: [MiB] }));
  const rssRun = await measureScanGrowth(oneMib, 600_000);
  const linkRun = await measureScanGrowth([{ name: '"a@b." × N', seed: 'a@b.', sizes: [MiB] }], 600_000);
  const peak = Math.max(...rssRun.measurements.map((m) => m.maxRssMb));
  line(`Peak RSS of a process that scanned each of the ${oneMib.length} 1 MiB inputs above in turn: **${peak.toFixed(0)} MB**. One 1 MiB "a@b." × N alone: ${(linkRun.measurements[0]?.maxRssMb ?? Number.NaN).toFixed(0)} MB peak, ${ms(linkRun.measurements[0]?.cpuMs ?? Number.NaN)} ms.`);
  line();

  line('### Known super-linear inputs');
  line();
  if (KNOWN_SUPERLINEAR_CASES.length === 0) {
    line('None: every input found super-linear so far has been fixed (see "Found and fixed" above).');
    line();
  } else {
    const known = await measureScanGrowth(KNOWN_SUPERLINEAR_CASES, 600_000);
    const atLimit = await measureScanGrowth(KNOWN_SUPERLINEAR_CASES.map((c) => ({ ...c, sizes: [20_000] })), 600_000);
    line('| input | three sizes | exponent | at 20,000 characters (the default limit) | cause |');
    line('|---|---|---|---|---|');
    for (const c of KNOWN_SUPERLINEAR_CASES) {
      const measured = known.measurements.filter((m) => m.name === c.name);
      const exponent = Math.log(growthRatio(known, c)) / Math.log(c.sizes[c.sizes.length - 1]! / c.sizes[0]!);
      const limit = atLimit.measurements.find((m) => m.name === c.name);
      line(`| ${c.name} | ${measured.map((m) => `${size(m.size)}: ${ms(m.cpuMs)} ms`).join(', ')}${measured.length < c.sizes.length ? ' (deadline)' : ''} | ${exponent.toFixed(2)} | ${ms(limit?.cpuMs ?? Number.NaN)} ms | ${c.cause} |`);
    }
    line();
    line('Exponent: log(time ratio) / log(size ratio) between the smallest and largest size; 1 is linear, 2 quadratic.');
    line();
  }
}

step('HTTP fuzz');
{
  const server = await spawnServer(fuzzServerEnv('report-admin-token-0123456789'));
  const started = performance.now();
  const fuzz = await runHttpFuzz(server.url, server.port, { jsonCount: 2000, rawCount: 400 });
  const duration = performance.now() - started;
  const faults = server.logs().filter((l) => Number(l.level) >= 50).length;
  const alive = server.child.exitCode === null;
  server.kill();
  line('### HTTP fuzzing');
  line();
  line(`${fuzz.sent} malformed requests (2,000 JSON-level, 400 HTTP-level) in ${ms(duration / 1000)} s: answers by status ${Object.entries(fuzz.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}; **${fuzz.problems.length} wrong answers** (5xx, silence, or a body without a catalogued code), ${faults} error-level log lines, service ${alive ? 'still up' : 'DOWN'}.`);
  line();
}

step('reload under load');
{
  const r = await runReloadUnderLoad({ concurrency: 8, phaseMs: 800 });
  line('### Reloads under load');
  line();
  line('8 clients for 3.2 s (single scans, 10-item JSON batches, 10-line NDJSON batches); a broken reload by HTTP, one by SIGHUP, then a valid new version.');
  line();
  line('| | |');
  line('|---|---|');
  line(`| requests sent / failed | ${r.sent} / **${r.failed.length}** |`);
  line(`| answers with the old / new version | ${r.versions[r.oldVersion] ?? 0} / ${r.versions[r.newVersion] ?? 0} (a batch never mixed them) |`);
  line(`| requests after the swap that got the old version | ${r.staleAfterSwap} |`);
  line(`| broken reload by HTTP | ${r.brokenHttp.status} ${(r.brokenHttp.body.error as { code: string }).code}, ${((r.brokenHttp.body.error as { issues: unknown[] }).issues).length} issues |`);
  line(`| latency p50 / p99 overall | ${ms(r.p50Ms)} ms / ${ms(r.p99Ms)} ms |`);
  line(`| **latency p99 of requests in flight during a reload** | **${ms(r.p99DuringReloadMs)} ms** |`);
  line(`| reload metrics (failure / success / last success) | ${r.metrics.failures} / ${r.metrics.successes} / ${r.metrics.lastSuccess} |`);
  line();
}

step('SIGTERM under load');
{
  const r = await runShutdownUnderLoad({ concurrency: 8, drainTimeoutMs: 10_000 });
  line('### SIGTERM under load');
  line();
  line('| | |');
  line('|---|---|');
  line(`| requests sent / accepted by the service / accepted but not fully answered | ${r.sent} / ${r.acceptedByServer} / **${r.lostAnswers.length}** |`);
  line(`| answers by status | ${Object.entries(r.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')} (503 = KANMON_SHUTTING_DOWN; error = refused after the listener closed) |`);
  line(`| NDJSON stream in flight | ${r.stream.status}, ${r.stream.lines} of ${r.stream.expected} lines answered (${r.stream.linesAfterSignal} of the answers received after the signal) |`);
  line(`| new connection after the signal | ${r.newConnectionRefused ? 'refused' : 'ACCEPTED'} |`);
  line(`| **drain time** (SIGTERM to exit; includes the 100 lines the stream's client still sends after the signal) | **${ms(r.drainMs)} ms**, exit code ${r.exitCode}, drain timeout ${r.drainTimeoutMs} ms |`);
  line();
}

step('overload');
{
  line('### Overload');
  line();
  line('Open-loop JSON batches at 4× the measured capacity for 4 s; KANMON_MAX_EVENT_LOOP_DELAY_MS=40, KANMON_MAX_EVENT_LOOP_UTILIZATION=0.9, sampled every 100 ms.');
  line();
  line('| | batches in the request thread (KANMON_WORKERS=0) | batches on worker threads (KANMON_WORKERS=' + availableParallelism() + ', one per core) |');
  line('|---|---|---|');
  const [thread, pool] = [await runOverload({ overloadFactor: 4, durationMs: 4_000, retryAfterSeconds: 2, workers: 0 }), await runOverload({ overloadFactor: 4, durationMs: 4_000, retryAfterSeconds: 2, workers: availableParallelism() })];
  const row = (label: string, f: (r: typeof thread) => string) => line(`| ${label} | ${f(thread)} | ${f(pool)} |`);
  row('one request (items) / capacity', (r) => `${ms(r.serviceMs)} ms (${r.items}) / ${r.capacityPerSecond.toFixed(0)} per s`);
  row('offered / sent', (r) => `${r.ratePerSecond} per s / ${r.sent}`);
  row('answered 200 / 503', (r) => `${r.byStatus['200'] ?? 0} / ${r.byStatus['503'] ?? 0}${Object.keys(r.byStatus).some((s) => s !== '200' && s !== '503') ? ` (other: ${JSON.stringify(r.byStatus)})` : ''}`);
  row('latency p50 / p99 / max', (r) => `${ms(r.p50Ms)} / ${ms(r.p99Ms)} / **${ms(r.maxMs)}** ms`);
  row('p99 of the 503 answers', (r) => `${ms(r.shedP99Ms)} ms`);
  row('RSS before / peak', (r) => `${r.rssBeforeMb.toFixed(0)} / ${r.rssPeakMb.toFixed(0)} MB`);
  row('ready again after the load stopped', (r) => (r.recoveredAfterMs === null ? 'NOT within 20 s' : `${ms(r.recoveredAfterMs)} ms`));
  line();
}

const section = out.join('\n');
if (process.argv.includes('--print')) {
  process.stdout.write(`${section}\n`);
} else {
  const doc = await readFile(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${DOC} has no figures markers (${START} … ${END})`);
  await writeFile(DOC, `${doc.slice(0, from + START.length)}\n\n${section}\n${doc.slice(to)}`);
  step(`wrote ${DOC}`);
}
