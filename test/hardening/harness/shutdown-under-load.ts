/**
 * SIGTERM while the service is busy: closed-loop clients keep sending scans and one NDJSON
 * stream is in flight. Each request carries its own X-Request-Id, so the service's log tells
 * which requests it accepted; every one of those must have reached its client whole.
 */
import http from 'node:http';
import { once } from 'node:events';
import { spawnServer } from './child-server.js';
import { SECRET_TEXT } from './fixtures.js';
import { send, startLoad, type Exchange } from './http-client.js';

export interface ShutdownUnderLoadResult {
  readonly sent: number;
  /** Requests the service logged as completed (it accepted and answered them). */
  readonly acceptedByServer: number;
  /** Of those, answers that did not reach the client whole, described. */
  readonly lostAnswers: readonly string[];
  /** Answers the client got, by status (`error` for a socket failure before any answer). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** 503 answers that were not KANMON_SHUTTING_DOWN with Connection: close. */
  readonly wrong503: number;
  /** Log lines of requests cut short (`request ended early`). */
  readonly endedEarly: number;
  /** The NDJSON stream that was in flight at the signal. */
  readonly stream: { status: number; lines: number; expected: number; linesAfterSignal: number };
  /** A new connection after the signal was refused. */
  readonly newConnectionRefused: boolean;
  readonly exitCode: number | null;
  /** From SIGTERM to the process's exit. */
  readonly drainMs: number;
  readonly drainTimeoutMs: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a fresh connection to `url` is refused (retried while the listener closes). */
async function refusesNewConnections(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const exchange = await send(url, { path: '/healthz' });
    if (exchange.error === 'ECONNREFUSED') return true;
    await pause(10);
  }
  return false;
}

/**
 * Runs the scenario against a fresh child server.
 * @example const result = await runShutdownUnderLoad({ concurrency: 8, drainTimeoutMs: 5000 });
 */
export async function runShutdownUnderLoad(options: { concurrency: number; drainTimeoutMs: number }): Promise<ShutdownUnderLoadResult> {
  const server = await spawnServer({ KANMON_DRAIN_TIMEOUT_MS: String(options.drainTimeoutMs), LOG_LEVEL: 'info' });
  try {
    const body = JSON.stringify({ text: SECRET_TEXT });
    const load = startLoad(server.url, {
      concurrency: options.concurrency,
      next: (i) => ({ path: '/v1/scan', headers: { 'content-type': 'application/json', 'x-request-id': `load-${i}` }, body }),
    });

    // An NDJSON stream, accepted (its first answers are back) before the signal and fed after it.
    const stream = http.request(`${server.url}/v1/scan/batch`, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-ndjson', 'x-request-id': 'stream' } });
    let streamed = 0;
    let linesAfterSignal = 0;
    let signalled = false;
    let answering: () => void = () => {};
    const firstAnswer = new Promise<void>((resolve) => (answering = resolve));
    const streamDone = new Promise<{ status: number; lines: number }>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('response', (res) => {
        let lines = 0;
        res.setEncoding('utf8').on('data', (d: string) => {
          answering();
          const n = d.split('\n').length - 1;
          lines += n;
          if (signalled) linesAfterSignal += n;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, lines }));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, lines }));
      });
    });
    // Awaited later; until then a failure must not count as unhandled.
    streamDone.catch(() => {});
    // Stops early if the service closed the stream (then 'drain' would never come).
    const writeLines = async (count: number) => {
      for (let i = 0; i < count && !stream.destroyed; i++, streamed++) {
        if (!stream.write(`${JSON.stringify({ id: `s${streamed}`, text: SECRET_TEXT })}\n`)) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
        if (i % 10 === 9) await pause(5);
      }
    };
    await writeLines(100);
    // Accepted and being answered: the first results are back. (The first batch chunk on the
    // worker pool waits for its threads to start, seconds when they compile TypeScript.)
    let giveUp: NodeJS.Timeout | undefined;
    const answered = await Promise.race([firstAnswer.then(() => true), new Promise<boolean>((resolve) => (giveUp = setTimeout(resolve, 60_000, false)))]);
    clearTimeout(giveUp);
    if (!answered) throw new Error('the NDJSON stream got no answer within 60 s');
    await pause(200);

    const exited = server.exited();
    const signalAt = performance.now();
    signalled = true;
    server.child.kill('SIGTERM');
    await server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('draining'));
    const newConnectionRefused = await refusesNewConnections(server.url);
    await writeLines(100);
    stream.end();
    const streamResult = await streamDone;

    const [exitCode] = await exited;
    const drainMs = performance.now() - signalAt;
    const exchanges = await load.stop();

    // What the service says it answered, by request id.
    const completed = new Map<string, number>();
    let endedEarly = 0;
    for (const line of server.logs()) {
      if (line.msg === 'request completed') completed.set(String(line.reqId), Number(line.statusCode));
      if (line.msg === 'request ended early') endedEarly++;
    }
    const byId = new Map<string, Exchange>();
    // By the index each request was sent with: exchanges come back in the order they ended,
    // and around the signal a refused request can end before an earlier one's answer.
    for (const e of exchanges) byId.set(`load-${e.index}`, e);
    const lostAnswers: string[] = [];
    let acceptedByServer = 0;
    for (const [id, status] of completed) {
      if (!id.startsWith('load-')) continue;
      acceptedByServer++;
      const exchange = byId.get(id);
      if (exchange === undefined) continue; // still in flight when the load stopped: impossible once the server exited
      if (exchange.status !== status || exchange.error !== undefined) lostAnswers.push(`${id}: server answered ${status}, client got ${exchange.status ?? 'nothing'} ${exchange.error ?? ''}`);
    }
    const byStatus: Record<string, number> = {};
    let wrong503 = 0;
    for (const e of exchanges) {
      const key = e.status === null ? 'error' : String(e.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      if (e.status === 503 && !(e.body.includes('KANMON_SHUTTING_DOWN') && e.headers.connection === 'close')) wrong503++;
    }
    return {
      sent: exchanges.length,
      acceptedByServer,
      lostAnswers,
      byStatus,
      wrong503,
      endedEarly,
      stream: { ...streamResult, expected: streamed, linesAfterSignal },
      newConnectionRefused,
      exitCode,
      drainMs,
      drainTimeoutMs: options.drainTimeoutMs,
    };
  } finally {
    server.kill();
  }
}
