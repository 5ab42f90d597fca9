/**
 * Overload: requests arrive at four times the rate the service can scan them (open loop, for
 * a few seconds), with low load-shedding thresholds. The excess is answered at once with 503
 * KANMON_OVERLOADED and Retry-After instead of queueing, so latency and memory stay bounded;
 * when the load stops the service is ready again by itself.
 *
 * Once with the batches scanned in the request thread (KANMON_WORKERS=0), where the event loop
 * measures what load-shedding reacts to, and once on worker threads: there the pool's queue is
 * bounded, and what it cannot hold is scanned in the request thread, which makes the overload
 * visible to the same load-shedding (src/pool/scan-pool.ts `maxQueue`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOverload, type OverloadResult } from './harness/overload.js';

const DURATION_MS = 4_000;

describe.each([
  ['in the request thread', 0],
  ['on two worker threads', 2],
])('more load than the service can serve, batches scanned %s', (_where, workers) => {
  let result: OverloadResult;
  beforeAll(async () => {
    result = await runOverload({ overloadFactor: 4, durationMs: DURATION_MS, retryAfterSeconds: 2, workers });
  }, 120_000);

  it('sheds the excess with 503 KANMON_OVERLOADED and Retry-After, and serves the rest correctly', () => {
    expect(Object.keys(result.byStatus).sort()).toEqual(['200', '503']);
    expect(result.byStatus['503']).toBeGreaterThan(result.sent / 10);
    expect(result.byStatus['200']).toBeGreaterThan(0);
    expect(result.wrong503).toBe(0);
    expect(result.wrong200).toBe(0);
  });

  it('keeps no growing queue: every answer came back within the length of the overload', () => {
    // Without shedding, 4× the capacity for 4 s leaves a 12 s backlog: the last answers would
    // take three times the overload's length. Bounded by construction here, not by speed.
    expect(result.maxMs).toBeLessThan(DURATION_MS);
  });

  it('keeps memory bounded', () => {
    expect(result.rssPeakMb - result.rssBeforeMb).toBeLessThan(256);
  });

  it('recovers by itself once the load drops', () => {
    expect(result.recoveredAfterMs).not.toBeNull();
  });
});
