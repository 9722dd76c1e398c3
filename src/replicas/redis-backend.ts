import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Config } from "../config.js";
import type { EventBus } from "../events/bus.js";
import type { Limiter } from "../gateway/limiter.js";
import type { SendGuard } from "../guards/duplicate-guard.js";
import { type Logger, registerSecret } from "../logger.js";
import type { SharedBackend, SharedCache } from "./backend.js";
import { RedisEventBus } from "./redis-bus.js";
import { RedisCache } from "./redis-cache.js";
import { SharedDuplicateGuard } from "./redis-guard.js";
import { SharedRateLimiter } from "./redis-limiter.js";

/** Every key this server writes starts here, so one Redis can serve other things too. */
const ROOT = "quo-mcp:v1";

/**
 * A tenant's name in Redis: a hash of its Maton key, never the key. Wrapped in {} so that on a
 * Redis Cluster all of one tenant's keys live in the same slot, as a script's keys must.
 */
function namespace(...parts: (string | undefined)[]): string {
  const hash = createHash("sha256").update("quo-mcp replicas\0");
  for (const part of parts) hash.update(part ?? "").update("\0");
  return `{${hash.digest("hex").slice(0, 32)}}`;
}

/**
 * Connects to Redis (in the background: the server starts either way) and builds the shared
 * pieces on it. Two connections: one for commands, which fail at once while Redis is away (no
 * offline queue, so a send is refused rather than held), and one for the event bus's
 * subscription. Both reconnect by themselves, at most a second apart, so a replica is ready
 * again within about a second of Redis coming back.
 */
export function connectRedisBackend(config: Config, logger: Logger): SharedBackend {
  const url = new URL(config.redisUrl as string);
  const releaseSecret = registerSecret(url.password ? decodeURIComponent(url.password) : undefined);
  const log = logger.child({ component: "redis" });
  const common = {
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(100 * times, 1_000),
    maxRetriesPerRequest: 0,
    // rediss:// turns TLS on; a self-signed server needs NODE_EXTRA_CA_CERTS, as for any Node TLS.
  };
  const client = new Redis(config.redisUrl as string, { ...common, enableOfflineQueue: false, commandTimeout: 1_000 });
  // Subscriptions issued before the connection is up wait for it, and are renewed after a reconnect.
  const subscriber = new Redis(config.redisUrl as string, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null });

  let reachable = false;
  const update = () => {
    const now = client.status === "ready" && subscriber.status === "ready";
    if (now === reachable) return;
    reachable = now;
    if (now) log.info("shared state (Redis) reachable: rate budget and send guard are shared across replicas");
    else log.warn("shared state (Redis) unreachable: sends are refused, reads keep to the local budget, /readyz answers 503");
  };
  let lastError = "";
  for (const connection of [client, subscriber]) {
    for (const event of ["ready", "close", "end", "reconnecting", "connect"]) connection.on(event, update);
    // Without a listener an 'error' would crash the process; one line per distinct error, not one per retry.
    connection.on("error", (error: Error) => {
      update();
      if (error.message !== lastError) log.warn({ error: error.message }, "Redis connection error");
      lastError = error.message;
    });
  }
  const ready = () => client.status === "ready" && subscriber.status === "ready";
  const onError = (error: unknown) => {
    const message = (error as Error)?.message ?? String(error);
    if (message !== lastError) log.warn({ error: message }, "Redis command failed");
    lastError = message;
  };

  const origin = randomUUID();
  const limiters = new Map<string, { limiter: SharedRateLimiter; holders: number }>();
  let bus: RedisEventBus | undefined;

  return {
    get ready() {
      return ready();
    },
    limiter(apiKey: string, rate: number): { limiter: Limiter; release(): void } {
      const prefix = `${ROOT}:rate:${namespace(apiKey)}`;
      let entry = limiters.get(prefix);
      if (!entry) {
        entry = { limiter: new SharedRateLimiter({ client, prefix, rate, replicas: config.expectedReplicas, ready, onError, origin }), holders: 0 };
        limiters.set(prefix, entry);
      }
      entry.holders += 1;
      const held = entry;
      let released = false;
      return {
        limiter: entry.limiter,
        release() {
          if (released) return;
          released = true;
          if (--held.holders <= 0 && limiters.get(prefix) === held) limiters.delete(prefix);
        },
      };
    },
    guard(apiKey: string, windowMs: number): SendGuard {
      return new SharedDuplicateGuard({ client, prefix: `${ROOT}:sent:${namespace(apiKey)}`, windowMs, ready, onError, logger: log });
    },
    cache(apiKey: string, connectionId: string | undefined): SharedCache {
      return new RedisCache({ client, prefix: `${ROOT}:cache:${namespace(apiKey, connectionId)}`, ready, onError });
    },
    bus(): EventBus {
      bus ??= new RedisEventBus(client, subscriber, `${ROOT}:events`, origin, log);
      return bus;
    },
    async close() {
      await bus?.close();
      releaseSecret();
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
