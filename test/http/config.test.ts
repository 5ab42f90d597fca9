import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServiceConfig, parseServeFlags, SETTINGS } from '../../src/config/index.js';
import { ConfigInvalidError } from '../../src/errors.js';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigInvalidError);
    return (error as ConfigInvalidError).issues;
  }
  throw new Error('expected ConfigInvalidError');
};

describe('loadServiceConfig', () => {
  it('has documented defaults and is deeply frozen', () => {
    const config = loadServiceConfig({ env: {} });
    expect(config).toMatchObject({
      port: 8080, host: '127.0.0.1', rulesDirs: [], builtinRules: true, bodyLimit: 10 * 1024 * 1024,
      maxTextLength: 20000, batchMaxItems: 1000, logLevel: 'info', apiKeys: [], drainTimeoutMs: 10000,
    });
    expect(config.adminToken).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.apiKeys)).toBe(true);
  });

  it('reads every kind of setting from its environment variable', () => {
    const config = loadServiceConfig({
      env: {
        PORT: '9000', HOST: '0.0.0.0', KANMON_RULES_DIRS: ['/a', '/b'].join(path.delimiter), KANMON_BUILTIN_RULES: 'false',
        KANMON_BODY_LIMIT: '2mb', KANMON_NDJSON_MAX_LINE_BYTES: '512kb', KANMON_MAX_TEXT_LENGTH: '100', LOG_LEVEL: 'debug',
        KANMON_API_KEYS: ' k1, k2 ,', KANMON_ADMIN_TOKEN: 'a-long-admin-token', KANMON_MAX_EVENT_LOOP_UTILIZATION: '0.95',
      },
    });
    expect(config).toMatchObject({
      port: 9000, host: '0.0.0.0', rulesDirs: ['/a', '/b'], builtinRules: false, bodyLimit: 2 * 1024 * 1024,
      ndjsonMaxLineBytes: 512 * 1024, maxTextLength: 100, logLevel: 'debug', apiKeys: ['k1', 'k2'],
      adminToken: 'a-long-admin-token', maxEventLoopUtilization: 0.95,
    });
  });

  it('treats empty variables as unset', () => {
    const config = loadServiceConfig({ env: { PORT: '', KANMON_ADMIN_TOKEN: '' } });
    expect(config.port).toBe(8080);
    expect(config.adminToken).toBeUndefined();
  });

  it('reports every bad setting at once, by variable and flag, without echoing secrets', () => {
    const issues = issuesOf(() =>
      loadServiceConfig({ env: { PORT: '80.5', KANMON_MAX_TEXT_LENGTH: '0', LOG_LEVEL: 'loud', KANMON_BODY_LIMIT: 'huge', KANMON_ADMIN_TOKEN: 'short-secret' } }),
    );
    expect(issues.map((i) => i.env).sort()).toEqual(['KANMON_ADMIN_TOKEN', 'KANMON_BODY_LIMIT', 'KANMON_MAX_TEXT_LENGTH', 'LOG_LEVEL', 'PORT']);
    expect(issues.find((i) => i.env === 'PORT')).toMatchObject({ flag: '--port', message: expect.stringContaining('whole number') });
    expect(issues.find((i) => i.env === 'LOG_LEVEL')?.message).toContain('fatal, error, warn, info, debug, trace, silent');
    expect(JSON.stringify(issues)).not.toContain('short-secret');
    expect(issues.find((i) => i.env === 'KANMON_ADMIN_TOKEN')?.flag).toBeUndefined();
  });

  it('rejects out-of-range ports', () => {
    expect(issuesOf(() => loadServiceConfig({ env: { PORT: '70000' } }))[0]?.message).toContain('65535');
  });
});

describe('parseServeFlags', () => {
  it('flags win over the environment; repeated --rules-dir builds a list', () => {
    const flags = parseServeFlags(['--port', '9001', '--rules-dir', '/x', '--rules-dir=/y', '--no-builtin-rules', '--body-limit', '1mb']);
    const config = loadServiceConfig({ env: { PORT: '9000', KANMON_RULES_DIRS: '/z' }, flags });
    expect(config).toMatchObject({ port: 9001, rulesDirs: ['/x', '/y'], builtinRules: false, bodyLimit: 1024 * 1024 });
  });

  it('rejects unknown flags and offers no flag for secrets', () => {
    expect(() => parseServeFlags(['--colour'])).toThrow(ConfigInvalidError);
    expect(() => parseServeFlags(['--admin-token', 'x'])).toThrow(ConfigInvalidError);
  });
});

describe('docs/http.md', () => {
  const doc = readFileSync(new URL('../../docs/http.md', import.meta.url), 'utf8');
  it.each(SETTINGS.map((s) => [s.source.env, s.source.flag] as const))('documents %s', (env, flag) => {
    expect(doc).toContain(`\`${env}\``);
    if (flag !== undefined) expect(doc).toContain(`\`${flag}\``);
  });
});
