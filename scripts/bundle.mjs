/**
 * Second half of `npm run build`: bundles the compiled CLI and the worker-thread modules into
 * dist/bundle/, which bin/kanmon.js runs. Loading ~120 ES modules (ours and typebox's) cost
 * every process and every worker thread ~0.45 s of CPU before any work; bundled, `kanmon
 * --version` went from 0.59 to 0.20 s and a worker thread was ready with its rules in 0.47 s
 * instead of 0.89 s (Node 20, this repository's 2-vCPU VM).
 *
 * Bundled: our code and the libraries a scan runs on. Left as packages: the rest of the
 * dependencies (the service's: Fastify and its plugins, pino, piscina, recheck…), several of
 * which find their own files at run time (piscina's thread wrapper, pino's transports,
 * swagger-ui's assets, recheck in its child process). Chunks shared by the entry points are
 * split out, so `kanmon scan` does not load the HTTP service. dist/bundle/ sits at the same
 * depth as dist/cli/, so paths built from `import.meta.url` (../../rules/, ../../package.json,
 * a worker module next to its caller) resolve the same.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const BUNDLED_PACKAGES = new Set(['typebox', 'yaml', 'linkifyjs', 'libphonenumber-js']);
const OUT_DIR = 'dist/bundle';

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(OUT_DIR, { recursive: true, force: true }); // chunk names change with their content
await build({
  entryPoints: {
    cli: 'dist/cli/main.js',
    // The service without the CLI layer (a container's entry point, docs/http.md).
    'http-main': 'dist/http/main.js',
    // The names workerUrl() builds next to its caller (src/pool/task-kind.ts).
    'cli-worker': 'dist/pool/cli-worker.js',
    'batch-worker': 'dist/pool/batch-worker.js',
  },
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // CommonJS code inside the bundle (parts of the bundled libraries) may call require().
  banner: { js: "import { createRequire as kanmonCreateRequire } from 'node:module'; const require = kanmonCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
