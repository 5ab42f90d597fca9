/**
 * Rule reloads while the service is busy: broken files (by HTTP and by SIGHUP), then a valid
 * new version, under a steady load of single, JSON-batch and NDJSON-batch scans. Every answer
 * is checked against the rules version it names: the old rules find one codeword, the new ones
 * another, so a response that mixed the two would show it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnServer, metricValue } from './child-server.js';
import { jsonRequest, percentile, send, startLoad, type Exchange, type Request } from './http-client.js';
import { RULE_BASE, ruleDir } from './rule-files.js';
import { stringify } from 'yaml';

const ADMIN_TOKEN = 'reload-admin-token-0123456789';
const OLD_WORD = 'ひみつのあいことば';
const NEW_WORD = 'あたらしいあいことば';
const TEXT = `${OLD_WORD}と${NEW_WORD}を教えます`;

const codewordRule = (id: string, word: string) => stringify({ rules: [{ id, ...RULE_BASE, patterns: [word] }] }, { aliasDuplicateObjects: false });
const OLD_FILE = codewordRule('test.old-codeword', OLD_WORD);
const NEW_FILE = codewordRule('test.new-codeword', NEW_WORD);
/** Valid YAML and schema, invalid rules: two patterns that backtrack catastrophically. */
export const BROKEN_RULES = `rules:
  - id: test.evil
    category: solicitation
    severity: high
    description: A pattern that backtracks catastrophically.
    message: { ja: テスト, en: test }
    patterns: ['(a+)+$']
  - id: test.evil-context
    category: solicitation
    severity: high
    description: A context clause that backtracks catastrophically.
    message: { ja: テスト, en: test }
    keywords: [ひみつ]
    context:
      boost:
        - patterns: ['(\\w+\\s?)*$']
          severity: high
`;
const BROKEN_YAML = 'rules:\n  - id: test.x\n    category: [unclosed\n';

export interface ReloadUnderLoadResult {
  readonly sent: number;
  /** Answers that were not 200 with a consistent result, described. */
  readonly failed: readonly string[];
  readonly oldVersion: string;
  readonly newVersion: string;
  /** rulesVersion → number of answers carrying it. */
  readonly versions: Readonly<Record<string, number>>;
  /** Answers to requests sent after the new version was in force that still named the old one. */
  readonly staleAfterSwap: number;
  readonly brokenHttp: { status: number | null; body: Record<string, unknown> };
  readonly brokenSighupLog: Record<string, unknown>;
  readonly validHttp: { status: number | null; body: Record<string, unknown> };
  readonly metrics: { failures: number; successes: number; lastSuccess: number };
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** p99 of the requests in flight while a reload ran. */
  readonly p99DuringReloadMs: number;
  readonly durationMs: number;
}

/** What a result body says about its version, or a description of what is wrong with it. */
function judge(result: Record<string, unknown>, oldVersion: string, newVersion: string): string | { version: string } {
  const version = result.rulesVersion;
  const ids = ((result.violations ?? []) as { ruleId: string }[]).map((v) => v.ruleId);
  if (version === oldVersion) return ids.includes('test.old-codeword') && !ids.includes('test.new-codeword') ? { version } : `old version but rules ${ids.join(',')}`;
  if (version === newVersion) return ids.includes('test.new-codeword') && !ids.includes('test.old-codeword') ? { version } : `new version but rules ${ids.join(',')}`;
  return `unknown version ${String(version)}`;
}

/** The versions of one answer (one per item for batches); a string when the answer is wrong. */
function versionsOf(exchange: Exchange, oldVersion: string, newVersion: string): string | string[] {
  if (exchange.status !== 200) return `status ${exchange.status ?? exchange.error}: ${exchange.body.slice(0, 200)}`;
  const results: Record<string, unknown>[] = exchange.headers['content-type']?.startsWith('application/x-ndjson')
    ? exchange.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
    : ((parsed) => (Array.isArray(parsed.results) ? parsed.results : [parsed]))(JSON.parse(exchange.body) as Record<string, unknown> & { results?: Record<string, unknown>[] });
  const versions: string[] = [];
  for (const result of results) {
    const verdict = judge(result, oldVersion, newVersion);
    if (typeof verdict === 'string') return verdict;
    versions.push(verdict.version);
  }
  return new Set(versions).size === 1 ? versions : `one answer mixes versions: ${[...new Set(versions)].join(', ')}`;
}

const REQUESTS: readonly Request[] = [
  jsonRequest('/v1/scan', { text: TEXT }),
  jsonRequest('/v1/scan/batch', { items: Array.from({ length: 10 }, (_, i) => ({ id: `j${i}`, text: TEXT })) }),
  { path: '/v1/scan/batch', headers: { 'content-type': 'application/x-ndjson' }, body: Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `n${i}`, text: TEXT })).join('\n') },
];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the scenario against a fresh child server and returns what happened.
 * @example const result = await runReloadUnderLoad({ concurrency: 8, phaseMs: 800 });
 */
export async function runReloadUnderLoad(options: { concurrency: number; phaseMs: number }): Promise<ReloadUnderLoadResult> {
  const dir = await ruleDir({ 'codeword.yaml': OLD_FILE });
  const server = await spawnServer({ KANMON_RULES_DIRS: dir, KANMON_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'info' });
  try {
    const oldVersion = (JSON.parse((await send(server.url, { path: '/readyz' })).body) as { rulesVersion: string }).rulesVersion;
    const reload = () => send(server.url, { method: 'POST', path: '/v1/rules/reload', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const reloadWindows: [number, number][] = [];
    const timed = async <T>(action: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await action();
      reloadWindows.push([start, performance.now()]);
      return result;
    };

    const started = performance.now();
    const load = startLoad(server.url, { concurrency: options.concurrency, next: (i) => REQUESTS[i % REQUESTS.length]! });
    await pause(options.phaseMs);

    await writeFile(path.join(dir, 'codeword.yaml'), BROKEN_RULES);
    const brokenHttp = await timed(reload);
    await pause(options.phaseMs);

    await writeFile(path.join(dir, 'codeword.yaml'), BROKEN_YAML);
    const brokenSighupLog = await timed(async () => {
      server.child.kill('SIGHUP');
      return server.waitForLog((l) => l.trigger === 'sighup' && typeof l.msg === 'string' && l.msg.startsWith('rule files are invalid'));
    });
    await pause(options.phaseMs);

    await writeFile(path.join(dir, 'codeword.yaml'), NEW_FILE);
    const validHttp = await timed(reload);
    const swappedAt = performance.now();
    const newVersion = (JSON.parse(validHttp.body) as { version: string }).version;
    await pause(options.phaseMs);
    const exchanges = await load.stop();
    const durationMs = performance.now() - started;

    const failed: string[] = [];
    const versions: Record<string, number> = {};
    let staleAfterSwap = 0;
    for (const exchange of exchanges) {
      const verdict = versionsOf(exchange, oldVersion, newVersion);
      if (typeof verdict === 'string') {
        failed.push(verdict);
        continue;
      }
      versions[verdict[0]!] = (versions[verdict[0]!] ?? 0) + 1;
      if (exchange.sentAt > swappedAt && verdict[0] !== newVersion) staleAfterSwap++;
    }
    const duringReload = exchanges.filter((e) => reloadWindows.some(([from, to]) => e.endedAt >= from && e.sentAt <= to));
    return {
      sent: exchanges.length,
      failed,
      oldVersion,
      newVersion,
      versions,
      staleAfterSwap,
      brokenHttp: { status: brokenHttp.status, body: JSON.parse(brokenHttp.body) as Record<string, unknown> },
      brokenSighupLog,
      validHttp: { status: validHttp.status, body: JSON.parse(validHttp.body) as Record<string, unknown> },
      metrics: {
        failures: await metricValue(server.url, 'kanmon_rules_reloads_total{result="failure"}'),
        successes: await metricValue(server.url, 'kanmon_rules_reloads_total{result="success"}'),
        lastSuccess: await metricValue(server.url, 'kanmon_rules_last_reload_success'),
      },
      p50Ms: percentile(exchanges, 50),
      p99Ms: percentile(exchanges, 99),
      p99DuringReloadMs: percentile(duringReload, 99),
      durationMs,
    };
  } finally {
    server.kill();
  }
}
