import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { type EventBus, LocalEventBus } from "./bus.js";

/**
 * The inbound event bus for this process: the in-memory one, or with --redis-url the one shared
 * by every replica (Redis pub/sub), so an event received by any replica reaches every wait.
 */
export async function createEventBus(config: Config, logger: Logger): Promise<EventBus> {
  if (!config.redisUrl) return new LocalEventBus();
  const { startSharedBackend } = await import("../replicas/backend.js");
  const backend = await startSharedBackend(config, logger);
  return backend ? backend.bus() : new LocalEventBus();
}
