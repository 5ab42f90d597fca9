/**
 * Runs the service on a socket: listen, reload rules on SIGHUP, and on SIGTERM/SIGINT drain
 * (stop accepting, let in-flight requests finish, then exit), cutting connections only after
 * the drain timeout. `kanmon serve` calls `startServer`; `node dist/bundle/http-main.js` (this module bundled) does too.
 */
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from '../config/index.js';
import { buildApp, type KanmonApp } from './app.js';

export interface StartServerOptions {
  /** Install SIGTERM/SIGINT (drain, then exit) and SIGHUP (reload) handlers. Default true. */
  handleSignals?: boolean;
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream;
}

export type DrainOutcome = 'drained' | 'timeout';

export interface RunningServer {
  readonly app: KanmonApp;
  /** e.g. `http://127.0.0.1:8080` (the real port when PORT=0). */
  readonly url: string;
  /** Drains as on SIGTERM, without exiting the process. Safe to call more than once. */
  close(): Promise<DrainOutcome>;
}

/**
 * Builds the service and listens on `config.host:config.port`.
 * @throws RulesInvalidError when the rule files are invalid (nothing is listening then).
 * @example const { url } = await startServer(loadServiceConfig({ env: process.env }));
 */
export async function startServer(config: ServiceConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const app = await buildApp({ config, logStream: options.logStream });
  const url = await app.listen({ port: config.port, host: config.host });

  let removeSignalHandlers = (): void => {};
  let draining: Promise<DrainOutcome> | undefined;
  const close = (): Promise<DrainOutcome> => (draining ??= drain(app, config.drainTimeoutMs).finally(() => removeSignalHandlers()));

  if (options.handleSignals ?? true) {
    const stop = (signal: NodeJS.Signals): void => {
      app.log.info({ signal, drainTimeoutMs: config.drainTimeoutMs }, 'draining: no new requests, finishing in-flight ones');
      void close().then((outcome) => {
        app.log.info({ outcome }, 'stopped');
        process.exit(outcome === 'drained' ? 0 : 1);
      });
    };
    const reload = (): void => void app.kanmon.reloadRules('sighup');
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.on('SIGHUP', reload);
    removeSignalHandlers = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      process.off('SIGHUP', reload);
    };
  }
  return { app, url, close };
}

/**
 * Marks the service as draining (readiness fails, new requests get 503 with
 * `Connection: close`), closes the listener and waits for in-flight requests. Connections
 * still open after `timeoutMs` are cut.
 */
async function drain(app: KanmonApp, timeoutMs: number): Promise<DrainOutcome> {
  app.kanmon.beginShutdown();
  let outcome: DrainOutcome = 'drained';
  const timer = setTimeout(() => {
    outcome = 'timeout';
    app.log.warn({ timeoutMs }, 'drain timeout: closing connections with requests still in flight');
    app.server.closeAllConnections();
  }, timeoutMs);
  timer.unref();
  await app.close();
  clearTimeout(timer);
  return outcome;
}
