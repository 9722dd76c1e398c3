import type { Config } from "../config.js";
import type { EventBus } from "../events/bus.js";
import type { Limiter } from "../gateway/limiter.js";
import type { SendGuard } from "../guards/duplicate-guard.js";
import type { Logger } from "../logger.js";

/**
 * What replicas share when the server runs with --redis-url: each Maton key's rate budget, its
 * duplicate send guard, the small caches that must agree, and the inbound event bus. This
 * module holds no Redis code: the client is loaded only when a Redis URL is set, so a stdio
 * server without one never pays for it.
 */
export interface SharedBackend {
  /** Whether Redis answers right now (readiness: false drains this replica at the load balancer). */
  readonly ready: boolean;
  /** The key's shared pace; falls back to rate / expectedReplicas while Redis is unreachable. */
  limiter(apiKey: string, rate: number): { limiter: Limiter; release(): void };
  /** The key's duplicate send guard; while Redis is unreachable it refuses every send. */
  guard(apiKey: string, windowMs: number): SendGuard;
  /** Values every replica of one tenant should agree on, loaded by one replica at a time. */
  cache(apiKey: string, connectionId: string | undefined): SharedCache;
  bus(): EventBus;
  close(): Promise<void>;
}

export interface SharedCache {
  /**
   * The value stored under `name` if another replica loaded it within `ttlMs`; otherwise one
   * replica runs `load` while the others wait for its answer (no stampede on the gateway).
   * Without Redis it simply loads.
   */
  getOrLoad<T>(name: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
}

let current: SharedBackend | undefined;
let starting: Promise<SharedBackend> | undefined;

/** The process's shared backend, once started; undefined without --redis-url. */
export function sharedBackend(): SharedBackend | undefined {
  return current;
}

/**
 * Starts the shared backend when a Redis URL is configured (once per process). It does not
 * wait for Redis: a replica that starts while Redis is down serves reads on its local budget,
 * refuses sends and reports not ready until Redis answers.
 */
export async function startSharedBackend(config: Config, logger: Logger): Promise<SharedBackend | undefined> {
  if (!config.redisUrl) return undefined;
  starting ??= import("./redis-backend.js").then((module) => {
    current = module.connectRedisBackend(config, logger);
    return current;
  });
  return starting;
}

/** Closes the shared backend, if one was started. */
export async function stopSharedBackend(): Promise<void> {
  const backend = await starting;
  starting = undefined;
  current = undefined;
  await backend?.close();
}
