import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../src/config/index.js';
import { NotReadyError, RulesInvalidError } from '../../src/errors.js';
import { loadRuleSet } from '../../src/index.js';
import { ServiceMetrics } from '../../src/http/metrics.js';
import { RulesHolder } from '../../src/http/rules-holder.js';
import { createService } from '../../src/http/service.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kanmon-holder-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const holderFor = () => new RulesHolder(() => loadRuleSet({ ruleDirs: [dir] }));

describe('RulesHolder', () => {
  it('holds nothing before the first load, and the service then answers KANMON_NOT_READY', () => {
    const service = createService(loadServiceConfig({ env: {} }), new ServiceMetrics({ collectDefaultMetrics: false }), pino({ enabled: false }));
    expect(service.rules.current).toBeUndefined();
    expect(() => service.currentRules()).toThrow(NotReadyError);
  });

  it('swaps in a whole new RuleSet, and keeps the old one when loading fails', async () => {
    const holder = holderFor();
    const first = await holder.reload();
    expect(first.ok).toBe(true);
    const inForce = holder.current;
    expect(Object.isFrozen(inForce)).toBe(true);

    await writeFile(path.join(dir, 'broken.yaml'), 'rules: [{ id: 1 }]\n');
    const failed = await holder.reload();
    expect(failed).toMatchObject({ ok: false, current: inForce });
    expect(failed.ok ? undefined : failed.error).toBeInstanceOf(RulesInvalidError);
    expect(holder.current).toBe(inForce);
    expect(holder.lastReload).toBe(failed);
    await rm(path.join(dir, 'broken.yaml'));
  });

  it('runs overlapping reloads one after another, in call order', async () => {
    const holder = holderFor();
    const outcomes = await Promise.all([holder.reload(), holder.reload(), holder.reload()]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const times = outcomes.map((o) => o.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(holder.lastReload).toBe(outcomes[2]);
    expect(outcomes[1]!.ok && outcomes[1]!.previous).toBe(outcomes[0]!.ok && outcomes[0]!.ruleSet);
  });
});
