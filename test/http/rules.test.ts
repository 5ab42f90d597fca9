import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KanmonApp } from '../../src/http/app.js';
import { RulesInvalidError } from '../../src/errors.js';
import { buildTestApp } from './helpers.js';

const ADMIN = 'test-admin-token-0123456789';
const CODEWORD_RULE = `
rules:
  - id: test.codeword
    category: solicitation
    severity: high
    description: A codeword used only by this test.
    message: { ja: テスト用の規則です。, en: A test rule. }
    patterns: ['ひみつのあいことば']
`;

let dir: string;
let app: KanmonApp;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kanmon-rules-'));
  app = await buildTestApp({ KANMON_RULES_DIRS: dir, KANMON_ADMIN_TOKEN: ADMIN });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const reload = (token = ADMIN) => app.inject({ method: 'POST', url: '/v1/rules/reload', headers: { authorization: `Bearer ${token}` } });
const scanCodeword = async () => (await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'ひみつのあいことばを教えて' } })).json();
const metric = async (name: string) => {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  return text.split('\n').filter((l) => l.startsWith(name));
};

describe('GET /v1/rules', () => {
  it('lists the rules in force with their version', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/rules' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(body.loadedAt).toString()).not.toBe('Invalid Date');
    expect(body.rules.length).toBeGreaterThan(0);
    expect(Object.keys(body.rules[0]).sort()).toEqual(['category', 'description', 'id', 'severity', 'source', 'status']);
  });
});

describe('POST /v1/rules/reload', () => {
  it('reloads unchanged files as unchanged', async () => {
    const before = (await app.inject({ method: 'GET', url: '/v1/rules' })).json().version;
    const res = await reload();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: before, previousVersion: before, changed: false });
  });

  it('puts new valid files in force', async () => {
    expect((await scanCodeword()).action).toBe('allow');
    await writeFile(path.join(dir, 'codeword.yaml'), CODEWORD_RULE);
    const res = await reload();
    expect(res.statusCode).toBe(200);
    expect(res.json().changed).toBe(true);
    const result = await scanCodeword();
    expect(result).toMatchObject({ action: 'block', rulesVersion: res.json().version });
    expect(await metric('kanmon_rules_info{')).toEqual([`kanmon_rules_info{version="${res.json().version}"} 1`]);
    expect(await metric('kanmon_rules_last_reload_success')).toContain('kanmon_rules_last_reload_success 1');
  });

  it('keeps serving the previous rules when the files turn invalid, and lists the issues (422)', async () => {
    const { version } = (await app.inject({ method: 'GET', url: '/v1/rules' })).json();
    await writeFile(path.join(dir, 'broken.yaml'), 'rules:\n  - id: Not A Valid Id\n    category: nonsense\n');
    const res = await reload();
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('KANMON_RULES_INVALID');
    expect(error.message).toContain('previous rules stay in force');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues[0]).toMatchObject({ file: expect.stringContaining('broken.yaml'), line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
    expect((await app.inject({ method: 'GET', url: '/v1/rules' })).json().version).toBe(version);
    expect(await scanCodeword()).toMatchObject({ action: 'block', rulesVersion: version });
    expect(await metric('kanmon_rules_last_reload_success')).toContain('kanmon_rules_last_reload_success 0');
    expect(await metric('kanmon_rules_info{')).toEqual([`kanmon_rules_info{version="${version}"} 1`]);
    await rm(path.join(dir, 'broken.yaml'));
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer wrong-admin-token-0000000'],
    ['an API-key-style token of another length', 'Bearer x'],
  ])('answers 401 with %s', async (_name, authorization) => {
    const res = await app.inject({ method: 'POST', url: '/v1/rules/reload', headers: authorization ? { authorization } : {} });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json().error.code).toBe('KANMON_UNAUTHORIZED');
  });

  it('is disabled (404, like an unknown route) without KANMON_ADMIN_TOKEN', async () => {
    const plain = await buildTestApp();
    try {
      const res = await plain.inject({ method: 'POST', url: '/v1/rules/reload', headers: { authorization: `Bearer ${ADMIN}` } });
      const unknown = await plain.inject({ method: 'POST', url: '/v1/rules/nothing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'KANMON_NOT_FOUND', message: 'No route for POST /v1/rules/reload; see /docs for the API.' } });
      expect(unknown.json().error.code).toBe('KANMON_NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});

describe('start-up with invalid rules', () => {
  it('buildApp rejects with RulesInvalidError', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'kanmon-bad-'));
    try {
      await writeFile(path.join(bad, 'bad.yaml'), 'rules: [{ id: 1 }]\n');
      await expect(buildTestApp({ KANMON_RULES_DIRS: bad })).rejects.toBeInstanceOf(RulesInvalidError);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
