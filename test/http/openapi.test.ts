import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../src/config/index.js';
import { OPENAPI_YAML_PATH, renderOpenApiYaml } from '../../src/http/openapi.js';
import { startServer } from '../../src/http/server.js';

describe('openapi.yaml', () => {
  it('matches the route schemas (after changing them, run `npm run openapi` and commit openapi.yaml)', async () => {
    const committed = await readFile(OPENAPI_YAML_PATH, 'utf8');
    expect(committed).toBe(await renderOpenApiYaml());
  });
});

describe('GET /openapi.json on a listening server', () => {
  it('is a valid OpenAPI 3.1 document describing every public route', async () => {
    const server = await startServer(loadServiceConfig({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } }), { handleSignals: false });
    try {
      const res = await fetch(`${server.url}/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(['/healthz', '/metrics', '/readyz', '/v1/rules', '/v1/rules/reload', '/v1/scan', '/v1/scan/batch']);
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ScanRequest', 'ScanResult', 'Violation', 'BatchItemError', 'Error']));
    } finally {
      await server.close();
    }
  });
});
