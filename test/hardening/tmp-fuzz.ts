import { spawnServer } from './harness/child-server.js';
import { runHttpFuzz } from './harness/http-fuzz.js';
const server = await spawnServer({ LOG_LEVEL: 'trace', KANMON_MAX_TEXT_LENGTH: '2000', KANMON_BODY_LIMIT: '64kb', KANMON_NDJSON_MAX_LINE_BYTES: '8192', KANMON_BATCH_MAX_ITEMS: '20', KANMON_REQUEST_IDLE_TIMEOUT_MS: '600' });
const r = await runHttpFuzz(server.url, server.port, { jsonCount: Number(process.argv[2] ?? 2000), rawCount: 400 });
console.log(r.byStatus, r.problems.slice(0, 20));
server.kill();
