/**
 * The ceiling of the HTTP benchmark: a minimal Fastify route that validates the same body
 * schema as `POST /v1/scan` (TypeBox, the same validator compiler) and returns a small JSON
 * without scanning, logging one line per request at info like the service. What any scan
 * route on this machine could at best answer.
 *
 * Run by bench/http.bench.ts: `PORT=… npx tsx bench/servers/ceiling.ts` (logs to stdout).
 */
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { Type } from 'typebox';
import { ScanRequestSchema } from '../../src/http/schemas/scan.js';

// Fastify's own "request completed" line only, no "incoming request" line: one line per request.
class OneLine extends LogController {
  override incomingRequest(): void {}
}
const app = Fastify({ logger: { level: 'info' }, logController: new OneLine() }).withTypeProvider<TypeBoxTypeProvider>();
app.setValidatorCompiler(TypeBoxValidatorCompiler);
const Reply = Type.Object({ action: Type.String(), violations: Type.Array(Type.Unknown()), rulesVersion: Type.String() });
app.post('/v1/scan', { schema: { body: ScanRequestSchema, response: { 200: Reply } } }, async () => ({ action: 'allow', violations: [], rulesVersion: 'ceiling' }));
app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
