import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { Tenants } from "../tenants.js";
import type { ToolDefinition } from "../tools/define.js";
import { endpointContext } from "./http-context.js";
import { ClientGone, HttpError, pathOf, sendError, sendJson } from "./http-responses.js";
import { BearerCheck, OriginPolicy } from "./http-security.js";
import { closeSession, SessionStore } from "./http-sessions.js";
import { LegacySseEndpoint } from "./legacy-sse.js";
import { StreamableHttpEndpoint } from "./streamable-http.js";

/**
 * An endpoint beside MCP's own (a readiness probe, a webhook receiver, a discovery answer).
 * A public route is answered before the bearer token is checked; every route passes the
 * Host/Origin check first.
 */
export interface HttpRoute {
  path: string;
  public?: boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export interface HttpAppOptions {
  /** The effective configuration (in sandbox mode, pointed at the embedded sandbox). */
  config: Config;
  logger: Logger;
  tools: ToolDefinition[];
  routes?: HttpRoute[];
  /** Whether a socket was refused by the connection caps (see http-limits.ts): its requests are dropped. */
  refused?: (socket: Socket) => boolean;
}

/** What the access log records of a request; never a header, so never a key or a token. */
interface Exchange {
  /** The session's tag, never its id: whoever holds an id can act as its session. */
  session?: string;
  aborted?: boolean;
}

/**
 * A request's Exchange rides on the request itself rather than in a WeakMap: an entry per
 * request is an ephemeron every garbage collection has to process, and this runs per request.
 */
const EXCHANGE = Symbol("exchange");
type WithExchange = IncomingMessage & { [EXCHANGE]?: Exchange };

/**
 * The HTTP server's routing: every request passes the Host/Origin check, then the bearer token
 * (when one is set), then goes to its transport: Streamable HTTP at /mcp, the legacy HTTP+SSE
 * transport at /sse + /messages. /healthz and public extra routes skip the token. Each session
 * gets its own McpServer bound to its tenant's services.
 */
export class HttpApp {
  readonly sessions: SessionStore;
  readonly tenants: Tenants;
  private readonly policy: OriginPolicy;
  private readonly bearer: BearerCheck | undefined;
  private readonly streamable: StreamableHttpEndpoint;
  private readonly sse: LegacySseEndpoint;
  /** POST and DELETE requests being answered (GET streams are long-lived and not counted). */
  private requestsInFlight = 0;
  private draining = false;

  constructor(private readonly options: HttpAppOptions) {
    const { config } = options;
    this.sessions = new SessionStore({ max: config.maxSessions, maxPerAddress: config.maxSessionsPerAddress, idleMs: config.sessionIdleMs });
    this.tenants = new Tenants(config, options.logger, config.sessionIdleMs);
    this.policy = new OriginPolicy({ host: config.host, allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins });
    this.bearer = config.authToken ? new BearerCheck(config.authToken) : undefined;
    const context = endpointContext({
      config,
      logger: options.logger,
      tools: options.tools,
      sessions: this.sessions,
      tenants: this.tenants,
      note: (req, session) => {
        const exchange = (req as WithExchange)[EXCHANGE];
        if (exchange) exchange.session = session.tag;
      },
    });
    this.streamable = new StreamableHttpEndpoint(context);
    this.sse = new LegacySseEndpoint(context);
  }

  /** The node:http request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.options.refused?.(req.socket)) {
      req.socket.destroy();
      return;
    }
    const started = process.hrtime.bigint();
    const exchange: Exchange = {};
    (req as WithExchange)[EXCHANGE] = exchange;
    const path = pathOf(req.url);
    const counted = req.method === "POST" || req.method === "DELETE";
    if (counted) this.requestsInFlight += 1;
    res.once("close", () => {
      if (counted) this.requestsInFlight -= 1;
      const aborted = exchange.aborted || (!res.headersSent && !res.writableFinished);
      // Below the log's level the line is not even built: this runs for every request.
      if (!this.options.logger.isLevelEnabled(aborted ? "debug" : "info")) return;
      const line = {
        method: req.method,
        path,
        status: aborted ? undefined : res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        session: exchange.session,
        ...(aborted ? { aborted: true } : {}),
      };
      // A client that hangs up is routine, not the server's failure: one quiet line.
      if (aborted) this.options.logger.debug(line, "http request aborted by the client");
      else this.options.logger.info(line, "http request");
    });
    this.route(req, res, path).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (error.status === 408 || error.status === 413) res.once("finish", () => req.socket.destroy());
        return sendError(res, error.status, error.message, error.code, error.headers);
      }
      if (error instanceof ClientGone || res.destroyed || req.socket.destroyed) {
        exchange.aborted = true;
        return;
      }
      this.options.logger.error({ err: error, path }, "http request failed");
      sendError(res, 500, "Internal error", -32603);
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const refused = this.policy.check(req);
    if (refused) throw new HttpError(403, `Forbidden: ${refused}`);
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, HEAD" });
      return sendJson(res, this.draining ? 503 : 200, { status: this.draining ? "draining" : "ok" });
    }
    const route = this.options.routes?.find((r) => r.path === path);
    if (route?.public) return route.handle(req, res);
    if (this.bearer && !this.bearer.accepts(req)) {
      throw new HttpError(401, "Unauthorized: send Authorization: Bearer <the server's QUO_MCP_AUTH_TOKEN>", -32000, {
        "www-authenticate": 'Bearer realm="quo-mcp"',
      });
    }
    if (this.draining) throw new HttpError(503, "The server is shutting down: retry on another instance", -32000, { connection: "close" });
    if (route) return route.handle(req, res);
    switch (path) {
      case "/mcp":
        return this.streamable.handle(req, res);
      case "/sse":
        if (req.method !== "GET") throw new HttpError(405, "Method not allowed", -32000, { allow: "GET" });
        return this.sse.open(req, res);
      case "/messages":
        if (req.method !== "POST") throw new HttpError(405, "Method not allowed", -32000, { allow: "POST" });
        return this.sse.message(req, res);
      default:
        throw new HttpError(404, "Not found: MCP is served at /mcp (Streamable HTTP) and /sse (legacy HTTP+SSE)");
    }
  }

  // ---- Lifecycle --------------------------------------------------------------------------

  /** Closes sessions idle past the timeout and forgets tenants nobody uses. */
  async sweep(): Promise<void> {
    for (const session of this.sessions.idle()) {
      this.sessions.remove(session.id);
      this.options.logger.info({ session: session.tag }, "session closed after being idle");
      await closeSession(session);
    }
    this.tenants.sweep();
  }

  /** Refuses new work from now on; /healthz answers 503 so load balancers move on. */
  startDraining(): void {
    this.draining = true;
  }

  /** Whether any request or tool call is still being answered. */
  get busy(): boolean {
    return this.requestsInFlight > 0 || this.sessions.all().some((s) => s.inFlight > 0);
  }

  /** Ends every session: their streams close, and clients learn to reconnect elsewhere. */
  async closeAll(): Promise<void> {
    const all = this.sessions.all();
    for (const session of all) this.sessions.remove(session.id);
    await Promise.all(all.map(closeSession));
  }
}
