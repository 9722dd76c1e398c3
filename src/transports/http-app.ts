import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { buildServer } from "../server.js";
import { type Credentials, type TenantLease, Tenants, tenantId } from "../tenants.js";
import type { ToolDefinition } from "../tools/define.js";
import { readJsonBody } from "./http-body.js";
import { answerDiscoverProbe, answerSessionlessGet } from "./http-probes.js";
import { BearerCheck, OriginPolicy } from "./http-security.js";
import { type HttpSession, SessionStore, closeSession } from "./http-sessions.js";

export const KEY_HEADER = "x-maton-api-key";
export const CONNECTION_HEADER = "x-maton-connection";

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
}

/** What the access log records of a request; never a header, so never a key or a token. */
interface Exchange {
  session?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = -32000,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The MCP endpoints of the HTTP server: Streamable HTTP at /mcp, the legacy HTTP+SSE transport
 * at /sse + /messages, and /healthz. Every request passes the Host/Origin check, then the
 * bearer token (when one is set); each session gets its own McpServer bound to its tenant's
 * services.
 */
export class HttpApp {
  readonly sessions: SessionStore;
  readonly tenants: Tenants;
  private readonly policy: OriginPolicy;
  private readonly bearer: BearerCheck | undefined;
  /** POST and DELETE requests being answered (GET streams are long-lived and not counted). */
  private requestsInFlight = 0;
  private draining = false;

  constructor(private readonly options: HttpAppOptions) {
    const { config } = options;
    this.sessions = new SessionStore(config.maxSessions, config.sessionIdleMs);
    this.tenants = new Tenants(config, options.logger, config.sessionIdleMs);
    this.policy = new OriginPolicy({ host: config.host, allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins });
    this.bearer = config.authToken ? new BearerCheck(config.authToken) : undefined;
  }

  /** The node:http request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const exchange: Exchange = {};
    const path = pathOf(req.url);
    const counted = req.method === "POST" || req.method === "DELETE";
    if (counted) this.requestsInFlight += 1;
    res.once("close", () => {
      if (counted) this.requestsInFlight -= 1;
      this.options.logger.info(
        {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          session: exchange.session ?? headerSession(req) ?? responseSession(res),
        },
        "http request",
      );
    });
    this.route(req, res, path, exchange).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error.status, error.message, error.code, error.headers);
      this.options.logger.error({ err: error, path }, "http request failed");
      sendError(res, 500, "Internal error", -32603);
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, path: string, exchange: Exchange): Promise<void> {
    const refused = this.policy.check(req);
    if (refused) throw new HttpError(403, `Forbidden: ${refused}`);
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, HEAD" });
      return sendJson(res, this.draining ? 503 : 200, { status: this.draining ? "draining" : "ok" });
    }
    const route = this.options.routes?.find((r) => r.path === path);
    if (route?.public) return route.handle(req, res);
    if (this.bearer && !this.bearer.accepts(req)) {
      throw new HttpError(401, "Unauthorized: send Authorization: Bearer <the server's QUO_MCP_AUTH_TOKEN>", -32000, { "www-authenticate": 'Bearer realm="quo-mcp"' });
    }
    if (this.draining) throw new HttpError(503, "The server is shutting down: retry on another instance", -32000, { connection: "close" });
    if (route) return route.handle(req, res);
    switch (path) {
      case "/mcp":
        return this.mcp(req, res, exchange);
      case "/sse":
        if (req.method !== "GET") throw new HttpError(405, "Method not allowed", -32000, { allow: "GET" });
        return this.sseStart(req, res, exchange);
      case "/messages":
        if (req.method !== "POST") throw new HttpError(405, "Method not allowed", -32000, { allow: "POST" });
        return this.sseMessage(req, res, exchange);
      default:
        throw new HttpError(404, "Not found: MCP is served at /mcp (Streamable HTTP) and /sse (legacy HTTP+SSE)");
    }
  }

  // ---- Streamable HTTP ------------------------------------------------------------------

  private async mcp(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<void> {
    const { config } = this.options;
    const method = req.method ?? "";
    if (!["GET", "POST", "DELETE"].includes(method)) throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, POST, DELETE" });
    if (config.stateless) {
      if (method !== "POST") throw new HttpError(405, "Method not allowed: this server is stateless, so there is no session stream to open or end", -32000, { allow: "POST" });
      return this.mcpStateless(req, res);
    }
    const sessionId = headerSession(req);
    if (sessionId === undefined) {
      if (method === "GET") return answerSessionlessGet(res);
      if (method !== "POST") throw new HttpError(400, "Bad Request: no Mcp-Session-Id header; initialize a session with a POST first");
      return this.mcpInitialize(req, res, exchange);
    }
    const session = this.session(req, sessionId, "streamable");
    exchange.session = session.id;
    const transport = session.transport as StreamableHTTPServerTransport;
    // The GET stream stays open for the whole session: it neither keeps a session from idling
    // nor holds up a shutdown.
    if (method === "GET") return transport.handleRequest(req, res);
    const body = method === "POST" ? await this.body(req) : undefined;
    await this.track(session, res, () => transport.handleRequest(req, res, body));
  }

  private async mcpInitialize(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<void> {
    const body = await this.body(req);
    const messages = Array.isArray(body) ? body : [body];
    if (!messages.some((m) => isInitializeRequest(m))) {
      if (answerDiscoverProbe(messages, res)) return;
      throw new HttpError(400, "Bad Request: no valid Mcp-Session-Id header; a session starts with an initialize request");
    }
    const credentials = this.credentials(req);
    if (!this.sessions.reserve()) throw new HttpError(503, "Too many sessions: try again later", -32000, { "retry-after": "5" });
    let tenant: TenantLease | undefined;
    let added = false;
    try {
      tenant = this.tenants.acquire(credentials);
      const lease = tenant;
      const server = this.server(lease);
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          exchange.session = id;
          this.sessions.add({ id, kind: "streamable", transport, server, tenant: lease, lastSeen: Date.now(), inFlight: 0 });
          added = true;
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) this.sessions.remove(transport.sessionId);
      };
      await server.connect(transport);
      trackCalls(transport, () => (transport.sessionId ? this.sessions.get(transport.sessionId) : undefined));
      await transport.handleRequest(req, res, body);
    } finally {
      if (!added) {
        this.sessions.unreserve();
        tenant?.release();
      }
    }
  }

  private async mcpStateless(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.body(req);
    if (answerDiscoverProbe(Array.isArray(body) ? body : [body], res)) return;
    const tenant = this.tenants.acquire(this.credentials(req));
    const server = this.server(tenant);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.once("close", () => {
      void server.close().catch(() => {});
      tenant.release();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  // ---- Legacy HTTP+SSE --------------------------------------------------------------------

  private async sseStart(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<void> {
    if (this.options.config.stateless) {
      throw new HttpError(404, "Not found: the legacy SSE transport needs sessions, and this server runs --stateless; use /mcp");
    }
    const credentials = this.credentials(req);
    if (!this.sessions.reserve()) throw new HttpError(503, "Too many sessions: try again later", -32000, { "retry-after": "5" });
    const tenant = this.tenants.acquire(credentials);
    const server = this.server(tenant);
    const transport = new SSEServerTransport("/messages", res);
    const session: HttpSession = { id: transport.sessionId, kind: "sse", transport, server, tenant, lastSeen: Date.now(), inFlight: 0 };
    exchange.session = session.id;
    this.sessions.add(session);
    transport.onclose = () => {
      this.sessions.remove(session.id);
    };
    try {
      await server.connect(transport);
    } catch (error) {
      this.sessions.remove(session.id);
      throw error;
    }
    trackCalls(transport, () => this.sessions.get(session.id));
  }

  private async sseMessage(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<void> {
    const id = new URL(req.url ?? "/", "http://localhost").searchParams.get("sessionId");
    if (!id) throw new HttpError(400, "Bad Request: the sessionId query parameter is missing");
    const session = this.session(req, id, "sse");
    exchange.session = session.id;
    const body = await this.body(req);
    await this.track(session, res, () => (session.transport as SSEServerTransport).handlePostMessage(req, res, body));
  }

  // ---- Shared pieces ----------------------------------------------------------------------

  private server(tenant: TenantLease): McpServer {
    return buildServer({ tools: this.options.tools, services: tenant.services });
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    const result = await readJsonBody(req);
    if (result.ok) return result.value;
    throw new HttpError(result.status, result.message, result.code, result.status === 413 ? { connection: "close" } : {});
  }

  /** The session a request names, checked to belong to the same tenant and transport. */
  private session(req: IncomingMessage, id: string, kind: HttpSession["kind"]): HttpSession {
    const session = this.sessions.get(id);
    if (!session || session.kind !== kind) throw new HttpError(404, "Session not found: it ended or expired; start a new one", -32001);
    if (this.options.config.multiTenant && (req.headers[KEY_HEADER] !== undefined || req.headers[CONNECTION_HEADER] !== undefined)) {
      if (tenantId(this.credentials(req)) !== session.tenant.id) {
        throw new HttpError(403, "Forbidden: a session keeps the Maton key and connection it started with; start a new session to use others");
      }
    }
    session.lastSeen = Date.now();
    return session;
  }

  /** Runs a session's request, keeping the session busy (not idle) until its answer is sent. */
  private async track(session: HttpSession, res: ServerResponse, run: () => Promise<void>): Promise<void> {
    session.inFlight += 1;
    res.once("close", () => {
      session.inFlight -= 1;
      session.lastSeen = Date.now();
    });
    await run();
  }

  /** Whose Maton key a new session or stateless request uses. */
  private credentials(req: IncomingMessage): Credentials {
    const { config } = this.options;
    const key = header(req, KEY_HEADER);
    const connection = header(req, CONNECTION_HEADER);
    if (!config.multiTenant) {
      if (key !== undefined || connection !== undefined) {
        throw new HttpError(400, "Bad Request: this server uses its own Maton key and connection; X-Maton-Api-Key and X-Maton-Connection are accepted only with --multi-tenant");
      }
      return { apiKey: config.apiKey as string, connectionId: config.connectionId };
    }
    if (key === undefined) throw new HttpError(400, "Bad Request: this server is multi-tenant: send your Maton API key in the X-Maton-Api-Key header");
    if (!/^[\x21-\x7e]{1,512}$/.test(key) || key.includes(",")) throw new HttpError(400, "Bad Request: X-Maton-Api-Key must hold exactly one Maton API key");
    if (connection !== undefined && !/^[\w.:-]{1,200}$/.test(connection)) {
      throw new HttpError(400, "Bad Request: X-Maton-Connection must be one Maton connection id");
    }
    return { apiKey: key, connectionId: connection };
  }

  // ---- Lifecycle --------------------------------------------------------------------------

  /** Closes sessions idle past the timeout and forgets tenants nobody uses. */
  async sweep(): Promise<void> {
    for (const session of this.sessions.idle()) {
      this.sessions.remove(session.id);
      this.options.logger.info({ session: session.id }, "session closed after being idle");
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

/**
 * Counts a session's JSON-RPC requests until their responses are sent, whatever stream carries
 * them: on the legacy transport the POST is answered 202 at once and the result follows on the
 * SSE stream, so only the messages tell when a call is done.
 */
function trackCalls(transport: Transport, session: () => HttpSession | undefined): void {
  const pending = new Set<string>();
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ("method" in message && "id" in message && !pending.has(String(message.id))) {
      pending.add(String(message.id));
      const s = session();
      if (s) s.inFlight += 1;
    }
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage, options) => {
    try {
      return await send(message, options);
    } finally {
      if (!("method" in message) && "id" in message && pending.delete(String(message.id))) {
        const s = session();
        if (s) s.inFlight -= 1;
      }
    }
  };
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value.join(",") : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function headerSession(req: IncomingMessage): string | undefined {
  return header(req, "mcp-session-id");
}

function responseSession(res: ServerResponse): string | undefined {
  const value = res.getHeader("mcp-session-id");
  return typeof value === "string" ? value : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const data = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, { "content-type": "application/json", "content-length": String(data.length), "cache-control": "no-store", ...headers });
  res.end(data);
}

function sendError(res: ServerResponse, status: number, message: string, code: number, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}
