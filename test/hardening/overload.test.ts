/**
 * Overload: requests arrive at four times the rate the service can scan them (open loop, for
 * a few seconds), with low load-shedding thresholds. The excess is answered at once with 503
 * KANMON_OVERLOADED and Retry-After instead of queueing, so latency and memory stay bounded;
 * when the load stops the service is ready again by itself.
 *
 * The batches are scanned in the request thread (KANMON_WORKERS=0), where the event loop
 * measures what load-shedding reacts to. With worker threads the work leaves that loop: see
 * the todo below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOverload, type OverloadResult } from './harness/overload.js';

const DURATION_MS = 4_000;

describe('more load than the service can serve', () => {
  let result: OverloadResult;
  beforeAll(async () => {
    result = await runOverload({ overloadFactor: 4, durationMs: DURATION_MS, retryAfterSeconds: 2, workers: 0 });
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

// Measured by scripts/reliability-report.ts: with KANMON_WORKERS > 0, batch chunks wait in the
// worker pool's queue, which has no bound and which load-shedding (event-loop delay and
// utilization of the request thread) does not see, so under 4× overload almost nothing is
// shed and latency grows with the length of the overload (docs/reliability.md).
it.todo('sheds batch overload when batches are scanned on worker threads (KANMON_WORKERS > 0)');
