import { spawnServer } from './harness/child-server.js';
import { rawExchange } from './harness/http-client.js';
import { malformedRawRequests } from './harness/malformed-requests.js';
const server = await spawnServer({ LOG_LEVEL: 'info' });
const raws = malformedRawRequests(400);
let next = 0; const out: any[] = [];
await Promise.all(Array.from({ length: 16 }, async () => { while (next < raws.length) { const i = next++; out[i] = await rawExchange(server.port, raws[i]!, { timeoutMs: 10000 }); } }));
console.log(out.filter((r) => r.status === null).length, JSON.stringify(out.find((r) => r.status === null)).slice(0, 300));
server.kill();
