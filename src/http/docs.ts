/**
 * OpenAPI from the route schemas (@fastify/swagger, dynamic mode): served as /openapi.json,
 * browsable at /docs, and written to openapi.yaml by `npm run openapi` (see openapi.ts).
 */
import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { referenceNamedSchemas } from './openapi-components.js';
import { COMPONENT_NAMES } from './schemas/named.js';

// src/http/ and dist/http/ are both two levels below the package root.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kanmon',
        version,
        description: 'Detects off-platform contact exchange (LINE IDs, phone numbers, e-mail, SNS handles, payment outside the platform, …) in Japanese marketplace texts. See docs/http.md.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [
        { name: 'scan', description: 'Scan texts' },
        { name: 'rules', description: 'The rules in force' },
        { name: 'admin', description: 'Operator actions; need KANMON_ADMIN_TOKEN' },
        { name: 'operations', description: 'Probes and metrics; no credentials' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'One of KANMON_API_KEYS. Only enforced when KANMON_API_KEYS is set.' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'KANMON_ADMIN_TOKEN.' },
        },
      },
    },
    // Components named after the schemas' $id (Violation, ScanResult, …) instead of def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (documents) => referenceNamedSchemas('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject, COMPONENT_NAMES),
  });

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI's own CSP (hashes of its inline script and styles) replaces helmet's on
    // /docs. upgrade-insecure-requests is dropped: inside a cluster the service is often
    // reached over plain HTTP, where it would send the UI's scripts to a port with no TLS.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
