/**
 * The service as a separate process (`src/http/main.ts` through tsx) on 127.0.0.1 with port
 * 0: its memory, signals and crashes are its own, and everything it logs is kept for the
 * tests that check what may never appear in a log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildServer {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Every stdout byte so far (the JSON log), for leak checks. */
  stdout(): string;
  /** Every log line so far, parsed. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line that satisfies `match`, already seen or still to come. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with [code, signal] when the process exits (immediately if it has). */
  exited(): Promise<[number | null, NodeJS.Signals | null]>;
  /** SIGKILL if still running; safe to call more than once. */
  kill(): void;
}

const running = new Set<ChildProcess>();
// A test that fails half-way must not leave a server behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the service with the given environment (on top of PORT=0, HOST=127.0.0.1) and
 * resolves once it listens; `entry` is what node runs (default the sources through tsx).
 * @example const server = await spawnServer({ KANMON_ADMIN_TOKEN: 'x'.repeat(16) });
 */
export async function spawnServer(env: Record<string, string> = {}, nodeOptions: string[] = [], entry: readonly string[] = ['--import', 'tsx', 'src/http/main.ts']): Promise<ChildServer> {
  // The port (0 picks one) is only known from the info-level "Server listening" line.
  if (env.LOG_LEVEL !== undefined && !['trace', 'debug', 'info'].includes(env.LOG_LEVEL)) throw new Error('spawnServer needs LOG_LEVEL info or lower');
  const child = spawn(process.execPath, [...nodeOptions, ...entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  void exit.then(() => running.delete(child));

  let raw = '';
  let stderr = '';
  let partial = '';
  const seen: Record<string, unknown>[] = [];
  const waiters = new Set<{ match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }>();
  child.stderr!.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  child.stdout!.setEncoding('utf8').on('data', (data: string) => {
    raw += data;
    const parts = (partial + data).split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      if (text.trim() === '') continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      seen.push(line);
      for (const waiter of waiters) {
        if (!waiter.match(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });

  const waitForLog = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 30_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = seen.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms`)), timeoutMs);
      const waiter = { match, resolve: (line: Record<string, unknown>) => (clearTimeout(timer), resolve(line)) };
      waiters.add(waiter);
      void exit.then(([code]) => {
        if (!waiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`server exited (${code}) before the expected log line; stderr: ${stderr.slice(0, 2000)}`));
      });
    });

  const listening = await waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at http://127.0.0.1:'), 60_000);
  const url = (listening.msg as string).slice('Server listening at '.length);
  return {
    child,
    url,
    port: Number(new URL(url).port),
    stdout: () => raw,
    logs: () => [...seen],
    waitForLog,
    exited: () => exit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The value of one Prometheus sample (first series matching the prefix), or NaN. */
export async function metricValue(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}
