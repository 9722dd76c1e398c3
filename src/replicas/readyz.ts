import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoute } from "../transports/http-app.js";

/**
 * GET /readyz: whether this replica should get traffic. 503 while it drains for shutdown or
 * cannot reach the shared state (Redis), so a load balancer moves clients to the replicas that
 * can guard a send; /healthz stays a liveness check (the process answers), so the orchestrator
 * does not restart a replica whose only trouble is Redis. Public: probes carry no token, and
 * the answer holds no secret.
 */
export function readyzRoute(notReady: () => string | undefined): HttpRoute {
  return {
    path: "/readyz",
    public: true,
    handle(req: IncomingMessage, res: ServerResponse) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" }).end(JSON.stringify({ status: "method not allowed" }));
        return;
      }
      const reason = notReady();
      const body = JSON.stringify(reason ? { status: "not ready", reason } : { status: "ready" });
      res.writeHead(reason ? 503 : 200, { "content-type": "application/json", "cache-control": "no-store", "content-length": String(Buffer.byteLength(body)) });
      res.end(req.method === "HEAD" ? undefined : body);
    },
  };
}
