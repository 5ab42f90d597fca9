import { spawnServer } from './harness/child-server.js';
import { SECRET_TEXT } from './harness/fixtures.js';
import { send } from './harness/http-client.js';
const server = await spawnServer({ KANMON_MAX_TEXT_LENGTH: '100000' });
for (const k of [1, 20, 200, 1000]) {
  const req = { path: '/v1/scan', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: SECRET_TEXT.repeat(k) }) };
  const times = [];
  for (let i = 0; i < 6; i++) { const e = await send(server.url, req); times.push((e.endedAt - e.sentAt).toFixed(1) + ':' + e.status); }
  console.log(k, times.join(' '));
}
server.kill();
