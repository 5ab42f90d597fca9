import { spawnServer } from './harness/child-server.js';
import { rawExchange } from './harness/http-client.js';
const server = await spawnServer({ LOG_LEVEL: 'trace' });
for (const end of [true, false]) for (const p of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n']) {
  const r = await rawExchange(server.port, p, { end, timeoutMs: 2000 });
  console.log(end, JSON.stringify(p), r.status, r.closed, JSON.stringify(r.response.slice(0, 100)));
}
server.kill();
console.log(server.stdout().split('\n').filter((l) => !l.includes('request completed')).slice(-5).join('\n'));
