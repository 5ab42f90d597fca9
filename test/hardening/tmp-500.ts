import { spawnServer } from './harness/child-server.js';
import { send, jsonRequest } from './harness/http-client.js';
const server = await spawnServer({});
const e = await send(server.url, jsonRequest('/v1/scan', { text: 'LINE: kenta_88' }));
console.log(e.status, e.body.slice(0, 200));
await new Promise((r) => setTimeout(r, 200));
console.log(server.logs().filter((l) => Number(l.level) >= 50).map((l) => JSON.stringify(l).slice(0, 800)).join('\n'));
server.kill();
