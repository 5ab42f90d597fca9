/** Writes openapi.yaml from the route schemas (`npm run openapi`). */
import { writeFile } from 'node:fs/promises';
import { OPENAPI_YAML_PATH, renderOpenApiYaml } from '../src/http/openapi.js';

await writeFile(OPENAPI_YAML_PATH, await renderOpenApiYaml());
process.stdout.write(`wrote ${OPENAPI_YAML_PATH}\n`);
