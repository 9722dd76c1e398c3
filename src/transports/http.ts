import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpApp, type HttpAppOptions } from "./http-app.js";
import { checkingInterval, limitConnections } from "./http-limits.js";

export interface HttpServerHandle {
  app: HttpApp;
  server: Server;
  /** Where the server listens, e.g. http://127.0.0.1:3000 (the MCP endpoint is {url}/mcp). */
  url: string;
  /**
   * Stops taking new requests, waits up to `graceMs` for requests and tool calls in flight to
   * be answered, then closes every session and connection. Safe to call twice.
   */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
}

/** Serves the MCP app on `config.host:config.port`. */
export async function startHttpServer(options: HttpAppOptions): Promise<HttpServerHandle> {
  const { config, logger } = options;
  const server = createServer({ connectionsCheckingInterval: checkingInterval(config.headersTimeoutMs) });
  const refused = limitConnections(
    server,
    {
      max: config.maxConnections,
      maxPerAddress: config.maxConnectionsPerAddress,
      headersTimeoutMs: config.headersTimeoutMs,
      bodyTimeoutMs: config.bodyTimeoutMs,
    },
    logger,
  );
  const app = new HttpApp({ ...options, refused });
  server.on("request", app.handle);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const sweeper = setInterval(() => void app.sweep(), Math.min(30_000, Math.max(250, Math.floor(config.sessionIdleMs / 4))));
  sweeper.unref();

  let stopping: Promise<{ drained: boolean }> | undefined;
  const shutdown = (graceMs: number) => {
    stopping ??= (async () => {
      clearInterval(sweeper);
      app.startDraining();
      // No new connections; idle keep-alive sockets go now, busy ones once answered.
      server.close();
      server.closeIdleConnections();
      const until = Date.now() + graceMs;
      while (app.busy && Date.now() < until) await sleep(50);
      const drained = !app.busy;
      if (!drained) logger.warn({ graceMs }, "calls still running at the end of the grace period: closing anyway");
      await app.closeAll();
      server.closeAllConnections();
      return { drained };
    })();
    return stopping;
  };

  return { app, server, url, shutdown };
}
