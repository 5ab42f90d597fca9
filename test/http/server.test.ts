/**
 * Against a real socket: the service runs as a child process (`src/http/main.ts` through
 * tsx) on 127.0.0.1 with port 0, so memory is the server's own and signals are real.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ALLOWED_TEXT, BLOCKED_TEXT } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Resolves with the first log line that satisfies `match`, seen or still to come. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function spawnServer(env: Record<string, string> = {}, nodeOptions: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'src/http/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const seen: Record<string, unknown>[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (data: string) => {
    const parts = (partial + data).split('\n');
    partial = parts.pop()!;
    for (const text of parts.filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>;
      seen.push(line);
      for (const w of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const waitForLog = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = seen.find(match);
      if (found) return resolve(found);
      waiters.push({ match, resolve });
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before the expected log line`)));
    });
  const listening = await waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at http://127.0.0.1:'));
  const url = (listening.msg as string).slice('Server listening at '.length);
  return { child, url, waitForLog };
}

/** An NDJSON request written by the test with backpressure and read line by line. */
function ndjsonRequest(url: string) {
  const req = http.request(`${url}/v1/scan/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } });
  let received = 0;
  let firstLines: Record<string, unknown>[] = [];
  let firstResult: () => void = () => {};
  const gotFirst = new Promise<void>((resolve) => (firstResult = resolve));
  const done = new Promise<{ status: number; lines: number; firstLines: Record<string, unknown>[] }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let partial = '';
      res.setEncoding('utf8');
      res.on('data', (data: string) => {
        const parts = (partial + data).split('\n');
        partial = parts.pop()!;
        received += parts.length;
        if (firstLines.length < 3) firstLines = [...firstLines, ...parts.slice(0, 3).map((p) => JSON.parse(p) as Record<string, unknown>)];
        if (received > 0) firstResult();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, lines: received, firstLines }));
      res.on('error', reject);
    });
  });
  return {
    async write(line: string) {
      if (!req.write(`${line}\n`)) await once(req, 'drain');
    },
    end: () => req.end(),
    received: () => received,
    gotFirst,
    done,
  };
}

async function serverMemory(url: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]);
  return { rss: value('kanmon_process_resident_memory_bytes'), heap: value('kanmon_nodejs_heap_size_used_bytes') };
}

const MiB = 1024 * 1024;

describe('NDJSON batch on a real socket', () => {
  it('streams 20,000 items through with bounded server memory, answering while still reading', { timeout: 180_000 }, async () => {
    const ITEMS = 20_000;
    // ~4 KiB of text per item, ~80 MiB in all: buffered, it would cost the server hundreds of MiB.
    const filler = `${ALLOWED_TEXT} ${'商品の状態について詳しくご説明します。'.repeat(60)}`;
    // The old-space cap makes "never holds the whole batch" a hard limit as well.
    const server = await spawnServer({}, ['--max-old-space-size=192']);
    const before = await serverMemory(server.url);
    const request = ndjsonRequest(server.url);
    let peak = before;
    for (let i = 0; i < ITEMS; i++) {
      const text = i % 10 === 0 ? `${BLOCKED_TEXT} ${filler}` : filler;
      await request.write(JSON.stringify({ id: `m${i}`, text }));
      if (i % 2000 === 1999) {
        const now = await serverMemory(server.url);
        peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
      }
    }
    const answeredBeforeEnd = request.received();
    request.end();
    const result = await request.done;

    expect(result.status).toBe(200);
    expect(result.lines).toBe(ITEMS);
    expect(result.firstLines[0]).toMatchObject({ id: 'm0', action: 'block' });
    expect(result.firstLines[1]).toMatchObject({ id: 'm1', action: 'allow' });
    // Results flowed while the request was still being sent: the server did not wait for the end.
    expect(answeredBeforeEnd).toBeGreaterThan(ITEMS / 2);
    // Generous: the input alone is ~80 MiB of UTF-8 (~160 MiB as JS strings).
    expect(peak.heap - before.heap).toBeLessThan(64 * MiB);
    expect(peak.rss - before.rss).toBeLessThan(128 * MiB);
  });
});

describe('signals', () => {
  it('SIGTERM: stops accepting, finishes the in-flight request, then exits 0', { timeout: 60_000 }, async () => {
    const server = await spawnServer();
    const request = ndjsonRequest(server.url);
    for (let i = 0; i < 50; i++) await request.write(JSON.stringify({ id: `a${i}`, text: ALLOWED_TEXT }));
    await request.gotFirst;

    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await server.waitForLog((l) => l.msg === 'draining: no new requests, finishing in-flight ones');

    // The listener is closed: a new connection is refused (retry while close takes effect).
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await new Promise<boolean>((resolve) => {
        http.get(`${server.url}/healthz`, { agent: false }, (res) => {
          res.resume();
          resolve(false);
        }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
      });
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refused).toBe(true);

    for (let i = 50; i < 100; i++) await request.write(JSON.stringify({ id: `a${i}`, text: ALLOWED_TEXT }));
    request.end();
    const result = await request.done;
    expect(result).toMatchObject({ status: 200, lines: 100 });
    expect(await exited).toEqual([0, null]);
  });

  it('SIGHUP reloads the rules', { timeout: 60_000 }, async () => {
    const server = await spawnServer();
    server.child.kill('SIGHUP');
    const line = await server.waitForLog((l) => l.msg === 'rules loaded' && l.trigger === 'sighup');
    expect(line.rulesVersion).toMatch(/^[0-9a-f]{64}$/);
    const exited = once(server.child, 'exit');
    server.child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
  });
});
