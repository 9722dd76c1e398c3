import type { Config } from "../config.js";
import { createEventBus } from "../events/create-bus.js";
import { startInbound } from "../inbound/serve.js";
import { registerSecret } from "../logger.js";
import { sharedBackend } from "../replicas/backend.js";
import { readyzRoute } from "../replicas/readyz.js";
import { startSharedRuntime } from "../runtime.js";
import { allTools, selectTools } from "../tools/index.js";
import { isLoopbackHost } from "../transports/http-security.js";

/** Why the configuration must not be served as is, in one line, or undefined when it may. */
function refuseToServe(config: Config): string | undefined {
  if (isLoopbackHost(config.host) || config.authToken || config.allowUnauthenticated) return undefined;
  return `refusing to serve on ${config.host} without a token: anyone who can reach it could use your Quo account. Set QUO_MCP_AUTH_TOKEN (clients then send Authorization: Bearer <token>), bind to 127.0.0.1, or pass --allow-unauthenticated if something in front of it already checks access.`;
}

/**
 * Serves MCP over HTTP until SIGTERM or SIGINT, then drains: calls in flight finish (up to the
 * call deadline), sessions are closed, and the process exits 0.
 */
export async function serveHttp(config: Config): Promise<number | undefined> {
  const refusal = refuseToServe(config);
  if (refusal) {
    process.stderr.write(`quo-mcp: ${refusal}\n`);
    return 2;
  }
  // Nothing logs the token; registering it scrubs it even from a line that someday might.
  registerSecret(config.authToken);
  const base = await startSharedRuntime(config);
  const { logger } = base;
  const tools = selectTools(allTools(config.defaultRegion), config);
  const { startHttpServer } = await import("../transports/http.js");
  const { discoveryRoutes } = await import("../transports/http-discovery.js");
  // The process's event bus: with --redis-url one shared by every replica, so a webhook
  // received here wakes a wait held by another.
  const bus = await createEventBus(base.config, logger);
  const inbound = startInbound(base.config, logger, bus);
  let handle: Awaited<ReturnType<typeof startHttpServer>>;
  let draining = false;
  const readyz = readyzRoute(() => {
    if (draining) return "shutting down";
    const shared = sharedBackend();
    return shared && !shared.ready ? "the shared state (Redis) is unreachable: sends are refused here until it returns" : undefined;
  });
  try {
    handle = await startHttpServer({ config: base.config, logger, tools, routes: [readyz, ...discoveryRoutes(Boolean(config.authToken)), ...inbound.routes] });
  } catch (error) {
    await base.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "EADDRINUSE" ? "the port is already in use" : code === "EACCES" ? "permission denied" : (error as Error).message;
    process.stderr.write(`quo-mcp: cannot listen on ${config.host}:${config.port}: ${reason}\n`);
    return 1;
  }

  let signals = 0;
  const stop = async (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, "second signal: exiting without waiting for calls in flight");
      process.exit(1);
    }
    draining = true;
    logger.info({ signal, sessions: handle.app.sessions.size }, "shutting down: finishing calls in flight");
    // A call never outlives its deadline, so waiting longer than that would be pointless.
    const { drained } = await handle.shutdown(config.deadlineMs + 1_000);
    await bus.close().catch(() => {});
    await base.close().catch(() => {});
    logger.info({ drained }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));

  if (!config.authToken && !isLoopbackHost(config.host)) {
    logger.warn({ host: config.host }, "serving without a token on a non-loopback address (--allow-unauthenticated)");
  }
  logger.info(
    {
      mcp: `${handle.url}/mcp`,
      sse: `${handle.url}/sse`,
      tools: tools.length,
      stateless: config.stateless,
      multiTenant: config.multiTenant,
      auth: config.authToken ? "bearer" : "none",
      sandbox: config.sandbox,
      inbound: inbound.mode === "push" ? `webhooks at ${config.webhookPath}` : "polling",
      shared: config.redisUrl ? "redis" : "none",
    },
    "serving MCP over HTTP",
  );
  return undefined;
}
