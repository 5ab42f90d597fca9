import { spawnServer } from './harness/child-server.js';
import { rawExchange } from './harness/http-client.js';
import { malformedRawRequests } from './harness/malformed-requests.js';
const server = await spawnServer({ LOG_LEVEL: 'trace' });
const raws = malformedRawRequests(40);
const results = await Promise.all(raws.map((p) => rawExchange(server.port, p, { timeoutMs: 5000 })));
results.forEach((r, i) => { if (r.status === null) console.log(i, JSON.stringify(raws[i]!.toString('latin1').slice(0, 50)), r.closed, r.error, JSON.stringify(r.response.slice(0, 60))); });
console.log('done', results.filter((r) => r.status === null).length);
server.kill(); console.log(server.stdout().split('\n').slice(-6).join('\n').slice(0, 3000));
