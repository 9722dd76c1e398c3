import type { Config } from "../config.js";
import type { EventBus } from "../events/bus.js";
import { type Logger, registerSecret } from "../logger.js";
import type { HttpRoute } from "../transports/http-app.js";
import { type InboundMode, installInbound } from "./hub.js";
import { webhookRoute } from "./webhook-route.js";

/**
 * Sets up inbound events for the HTTP server: with a webhook secret, Quo pushes events to the
 * receiver route and nothing polls; without one, waits poll. `bus` is the process's event bus:
 * in-process, or one shared by every replica.
 */
export function startInbound(config: Config, logger: Logger, bus: EventBus): { mode: InboundMode; routes: HttpRoute[] } {
  const secrets = config.webhookSecret ?? [];
  registerSecret(config.webhookTenantKey);
  let push = secrets.length > 0;
  if (push && config.multiTenant && !config.webhookTenantKey) {
    logger.warn(
      "QUO_MCP_WEBHOOK_SECRET is set but QUO_MCP_WEBHOOK_TENANT_KEY is not: a multi-tenant server cannot tell whose a delivery is, so waits poll instead",
    );
    push = false;
  }
  const mode: InboundMode = push ? "push" : "poll";
  installInbound(bus, mode, logger);
  const routes = push ? [webhookRoute({ path: config.webhookPath, secrets, multiTenant: config.multiTenant, bus, logger })] : [];
  return { mode, routes };
}
