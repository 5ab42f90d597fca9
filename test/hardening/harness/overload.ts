/**
 * More load than the service can serve: requests arrive at a fixed rate (open loop, as users
 * do, whatever the answers) several times the service's capacity. With load shedding, the
 * excess is answered 503 at once and latency stays bounded; without it, a queue would grow
 * for as long as the overload lasts. Then the load stops and the service must recover alone.
 */
import http from 'node:http';
import { metricValue, spawnServer } from './child-server.js';
import { SECRET_TEXT } from './fixtures.js';
import { percentile, send, type Exchange } from './http-client.js';

export interface OverloadResult {
  /** Items per batch request, sized so that one request costs ~50 ms. */
  readonly items: number;
  /** Requests sent at the fixed rate, and the rate. */
  readonly sent: number;
  readonly ratePerSecond: number;
  /** What one request costs the service when idle, and so its capacity. */
  readonly serviceMs: number;
  readonly capacityPerSecond: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** 503 answers without KANMON_OVERLOADED and the configured Retry-After. */
  readonly wrong503: number;
  /** 200 answers that were not a scan result. */
  readonly wrong200: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** p99 of the 503 answers alone. */
  readonly shedP99Ms: number;
  readonly durationMs: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
  /** From the end of the load until /readyz and a scan answered 200 again (null: not within the wait). */
  readonly recoveredAfterMs: number | null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the scenario against a fresh child server with low load-shedding thresholds.
 * @example const result = await runOverload({ overloadFactor: 4, durationMs: 4000, retryAfterSeconds: 2, workers: 0 });
 */
export async function runOverload(options: { overloadFactor: number; durationMs: number; retryAfterSeconds: number; workers: number }): Promise<OverloadResult> {
  const server = await spawnServer({
    LOG_LEVEL: 'info',
    KANMON_WORKERS: String(options.workers),
    KANMON_MAX_EVENT_LOOP_DELAY_MS: '40',
    KANMON_MAX_EVENT_LOOP_UTILIZATION: '0.9',
    KANMON_PRESSURE_SAMPLE_INTERVAL_MS: '100',
    KANMON_RETRY_AFTER_SECONDS: String(options.retryAfterSeconds),
  });
  try {
    const rss = async () => (await metricValue(server.url, 'kanmon_process_resident_memory_bytes')) / 2 ** 20;
    // JSON batches of a message full of contact details, scanned in the request thread
    // (KANMON_WORKERS as given): much work for few bytes, so what is shed is scanning, not
    // reading. Sized to ~50 ms each, so the offered rate stays low enough for this one client.
    const requestOf = (items: number) => ({ path: '/v1/scan/batch', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: Array.from({ length: items }, () => ({ text: SECRET_TEXT })) }) });
    // Best of five answered requests; a 503 (start-up can look like pressure) is not a measure.
    const bestOf = async (request: ReturnType<typeof requestOf>) => {
      let best = Number.POSITIVE_INFINITY;
      for (let answered = 0, tries = 0; answered < 5 && tries < 200; tries++) {
        const e = await send(server.url, request);
        if (e.status !== 200) {
          await pause(50);
          continue;
        }
        answered++;
        best = Math.min(best, e.endedAt - e.sentAt);
      }
      return best;
    };
    const probeItems = 50;
    const probeMs = await bestOf(requestOf(probeItems));
    const items = Math.max(probeItems, Math.min(1000, Math.round((probeItems * 50) / probeMs)));
    const request = requestOf(items);
    const serviceMs = await bestOf(request);
    await pause(300); // let the pressure samples see the idle service
    const capacityPerSecond = 1000 / serviceMs;
    const ratePerSecond = Math.ceil(capacityPerSecond * options.overloadFactor);
    const rssBeforeMb = await rss();

    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const inFlight: Promise<Exchange>[] = [];
    let rssPeakMb = rssBeforeMb;
    const started = performance.now();
    const interval = 1000 / ratePerSecond;
    for (let i = 0; performance.now() - started < options.durationMs; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await pause(wait);
      inFlight.push(send(server.url, request, agent));
      if (i % Math.max(1, Math.round(ratePerSecond / 4)) === 0) void rss().then((mb) => (rssPeakMb = Math.max(rssPeakMb, mb)), () => {});
    }
    const exchanges = await Promise.all(inFlight);
    const durationMs = performance.now() - started;
    rssPeakMb = Math.max(rssPeakMb, await rss());
    agent.destroy();

    // Recovery: readiness and a real scan, polled, with no help.
    const stoppedAt = performance.now();
    let recoveredAfterMs: number | null = null;
    while (performance.now() - stoppedAt < 20_000) {
      const ready = await send(server.url, { path: '/readyz' });
      if (ready.status === 200 && (await send(server.url, request)).status === 200) {
        recoveredAfterMs = performance.now() - stoppedAt;
        break;
      }
      await pause(100);
    }

    const byStatus: Record<string, number> = {};
    let wrong503 = 0;
    let wrong200 = 0;
    for (const e of exchanges) {
      const key = e.status === null ? `error ${e.error}` : String(e.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      if (e.status === 503 && !(e.body.includes('KANMON_OVERLOADED') && e.headers['retry-after'] === String(options.retryAfterSeconds))) wrong503++;
      if (e.status === 200 && !e.body.startsWith('{"results":[{"action":"block"')) wrong200++;
    }
    const shed = exchanges.filter((e) => e.status === 503);
    return {
      items,
      sent: exchanges.length,
      ratePerSecond,
      serviceMs,
      capacityPerSecond,
      byStatus,
      wrong503,
      wrong200,
      p50Ms: percentile(exchanges, 50),
      p99Ms: percentile(exchanges, 99),
      maxMs: percentile(exchanges, 100),
      shedP99Ms: percentile(shed, 99),
      durationMs,
      rssBeforeMb,
      rssPeakMb,
      recoveredAfterMs,
    };
  } finally {
    server.kill();
  }
}
