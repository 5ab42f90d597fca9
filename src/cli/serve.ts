/**
 * `kanmon serve`: starts the HTTP service and resolves once it has stopped. Its flags are
 * the service's own settings (src/config/schema.ts names each with its environment
 * variable); this file only adds `--rules` as the CLI-wide spelling of `--rules-dir`, and
 * imports the server lazily so the other commands never load Fastify.
 */
import { once } from 'node:events';
import { formatServeHelp, loadServiceConfig, parseServeFlags } from '../config/index.js';
import { ConfigInvalidError, RulesInvalidError } from '../errors.js';
import { EXIT, UsageError, type Command } from './command.js';
import { write, type CliIo } from './io.js';
import { describeLoadError } from './load-rules.js';

/**
 * `kanmon serve`.
 * @example await serveCommand.run(['--port', '8080'], processIo()) // resolves after SIGTERM
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the HTTP service',
  get usage() {
    return `Usage: kanmon serve [options]

Starts the HTTP service (see docs/http.md) and runs until SIGTERM or SIGINT, then drains
in-flight requests and exits; SIGHUP reloads the rule files. Every setting can also come
from its environment variable; a flag wins. "--rules DIR" is another spelling of
"--rules-dir DIR". Exits 2 when the settings or the rule files are invalid.

Settings (flag, environment variable):
${formatServeHelp()}`;
  },

  async run(args: string[], io: CliIo): Promise<number> {
    let config;
    try {
      config = loadServiceConfig({ env: io.env, flags: parseServeFlags(withRulesAlias(args)) });
    } catch (error) {
      if (error instanceof ConfigInvalidError) throw new UsageError(error.message.trim());
      throw error;
    }
    const { startServer } = await import('../http/server.js');
    let server;
    try {
      // The process's own stdout is left to pino's faster default destination.
      server = await startServer(config, io.stdout === process.stdout ? {} : { logStream: io.stdout });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof RulesInvalidError) await write(io.stderr, `${describeLoadError(error)}\n`);
      else if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') await write(io.stderr, `cannot listen on ${config.host}:${config.port}: ${code}\n`);
      else throw error;
      return EXIT.usage;
    }
    await once(server.app.server, 'close');
    return EXIT.ok;
  },
};

/**
 * `--rules DIR` / `--rules=DIR`, as every other command spells it, become `--rules-dir`.
 * @example withRulesAlias(['--rules', 'x']) // ['--rules-dir', 'x']
 */
export function withRulesAlias(args: readonly string[]): string[] {
  return args.map((a) => (a === '--rules' ? '--rules-dir' : a.startsWith('--rules=') ? `--rules-dir=${a.slice('--rules='.length)}` : a));
}
