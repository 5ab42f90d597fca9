/**
 * Reloads under load: while 8 clients keep sending single, JSON-batch and NDJSON-batch scans,
 * the rule files turn broken (reloaded by HTTP, then by SIGHUP) and then valid in a new
 * version. No request fails, every answer names the old or the new version and agrees with it
 * (a batch never mixes the two), and the broken reloads are reported while the old rules serve.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runReloadUnderLoad, type ReloadUnderLoadResult } from './harness/reload-under-load.js';

describe('rule reloads under load', () => {
  let result: ReloadUnderLoadResult;
  beforeAll(async () => {
    result = await runReloadUnderLoad({ concurrency: 8, phaseMs: 800 });
  }, 120_000);

  it('no request fails', () => {
    expect(result.sent).toBeGreaterThan(100);
    expect(result.failed.slice(0, 5)).toEqual([]);
  });

  it('every answer carries the old or the new version, whole, and agrees with it', () => {
    expect(Object.keys(result.versions).sort()).toEqual([result.oldVersion, result.newVersion].sort());
    expect(result.oldVersion).not.toBe(result.newVersion);
  });

  it('once the new version is in force, no later request gets the old one', () => {
    expect(result.staleAfterSwap).toBe(0);
  });

  it('a broken reload by HTTP answers 422 with every issue, naming file, line, rule id and pattern', () => {
    expect(result.brokenHttp.status).toBe(422);
    const error = result.brokenHttp.body.error as { code: string; message: string; issues: Record<string, unknown>[] };
    expect(error.code).toBe('KANMON_RULES_INVALID');
    expect(error.message).toContain('previous rules stay in force');
    expect(error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: expect.stringMatching(/codeword\.yaml$/), line: 7, ruleId: 'test.evil', path: 'rules[0].patterns[0]', message: expect.stringContaining('/(a+)+$/') }),
      expect.objectContaining({ line: 16, ruleId: 'test.evil-context', path: 'rules[1].context.boost[0]', message: expect.stringContaining('/(\\w+\\s?)*$/') }),
    ]));
  });

  it('a broken reload by SIGHUP is logged with its issues', () => {
    expect(result.brokenSighupLog).toMatchObject({ level: 50, trigger: 'sighup', rulesVersion: result.oldVersion, issues: [expect.objectContaining({ file: expect.stringMatching(/codeword\.yaml$/), line: expect.any(Number) })] });
  });

  it('the valid reload answers 200 with both versions, and the metrics count every attempt', () => {
    expect(result.validHttp).toMatchObject({ status: 200, body: { version: result.newVersion, previousVersion: result.oldVersion, changed: true } });
    expect(result.metrics).toEqual({ failures: 2, successes: 2, lastSuccess: 1 });
  });
});
