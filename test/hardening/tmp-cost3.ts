import { spawnServer } from './harness/child-server.js';
import { SECRET_TEXT } from './harness/fixtures.js';
import { send } from './harness/http-client.js';
const server = await spawnServer({ KANMON_WORKERS: '0' });
for (const n of [50, 192, 500]) {
  const req = { path: '/v1/scan/batch', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: Array.from({ length: n }, () => ({ text: SECRET_TEXT })) }) };
  const times = [];
  for (let i = 0; i < 8; i++) { const e = await send(server.url, req); times.push((e.endedAt - e.sentAt).toFixed(1) + ':' + e.status); }
  console.log(n, times.join(' '));
}
server.kill();
