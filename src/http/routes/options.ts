import type { onRequestHookHandler } from 'fastify';
import type { Service } from '../service.js';

/** What every route plugin receives from `buildApp`. */
export interface RouteOptions {
  service: Service;
  /** Checks `Authorization: Bearer <key>` when KANMON_API_KEYS is set; undefined (no hook) otherwise. */
  requireApiKey: onRequestHookHandler | undefined;
  /** Checks the admin token; answers 404 when KANMON_ADMIN_TOKEN is unset. */
  requireAdmin: onRequestHookHandler;
}
