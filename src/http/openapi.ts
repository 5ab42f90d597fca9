/**
 * Renders openapi.yaml from the route schemas: the app is built (not listened) with the
 * default configuration and @fastify/swagger's document is written out. `npm run openapi`
 * writes the file; test/http/openapi.test.ts fails when the committed file has drifted.
 */
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { loadServiceConfig } from '../config/index.js';
import { buildApp } from './app.js';

/** openapi.yaml at the package root (two levels above src/http and dist/http). */
export const OPENAPI_YAML_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

const HEADER = '# Generated from the route schemas in src/http by `npm run openapi`; do not edit by hand.\n';

/** The OpenAPI document of the service as YAML, byte-for-byte reproducible. */
export async function renderOpenApiYaml(): Promise<string> {
  const app = await buildApp({ config: loadServiceConfig({ env: { LOG_LEVEL: 'silent' } }), collectDefaultMetrics: false });
  try {
    await app.ready();
    return HEADER + YAML.stringify(app.swagger(), { lineWidth: 0 });
  } finally {
    await app.close();
  }
}
