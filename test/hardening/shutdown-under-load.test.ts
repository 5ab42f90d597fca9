/**
 * SIGTERM under load: 8 clients keep sending scans and an NDJSON stream is in flight. Every
 * request the service accepted reaches its client whole (the service's own log names them,
 * by the X-Request-Id each client sent), the stream is answered to its last line, new
 * connections are refused, and the process exits 0 — which it only does when the drain
 * finished within KANMON_DRAIN_TIMEOUT_MS.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runShutdownUnderLoad, type ShutdownUnderLoadResult } from './harness/shutdown-under-load.js';

describe('SIGTERM under load', () => {
  let result: ShutdownUnderLoadResult;
  beforeAll(async () => {
    result = await runShutdownUnderLoad({ concurrency: 8, drainTimeoutMs: 10_000 });
  }, 120_000);

  it('every request the service accepted got its whole answer', () => {
    const summary = JSON.stringify({ ...result, lostAnswers: result.lostAnswers.slice(0, 5) });
    expect(result.acceptedByServer, summary).toBeGreaterThan(10);
    expect(result.lostAnswers.slice(0, 5), summary).toEqual([]);
    expect(result.endedEarly, summary).toBe(0);
  });

  it('requests that arrived while draining were told so: 503 KANMON_SHUTTING_DOWN with Connection: close', () => {
    expect(result.wrong503).toBe(0);
    expect(Object.keys(result.byStatus).every((s) => ['200', '503', 'error'].includes(s))).toBe(true);
  });

  it('the NDJSON stream in flight was answered to its last line, also for lines sent after the signal', () => {
    expect(result.stream).toMatchObject({ status: 200, lines: result.stream.expected });
    expect(result.stream.linesAfterSignal).toBeGreaterThan(0);
  });

  it('refused new connections once draining', () => {
    expect(result.newConnectionRefused).toBe(true);
  });

  it('exited 0: drained before the drain timeout', () => {
    expect(result.exitCode).toBe(0);
  });
});
