import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { TenantLease } from "../tenants.js";
import type { EndpointContext } from "./http-context.js";
import { answerDiscoverProbe, answerSessionlessGet } from "./http-probes.js";
import { HttpError, header } from "./http-responses.js";
import { type HttpSession, sessionTag } from "./http-sessions.js";
import { credentialsOf } from "./http-tenancy.js";
import { ObservedTransport } from "./observed-transport.js";

/** MCP Streamable HTTP at /mcp: sessions (POST to initialize, GET for the stream, DELETE to end), or stateless. */
export class StreamableHttpEndpoint {
  constructor(private readonly ctx: EndpointContext) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "";
    if (!["GET", "POST", "DELETE"].includes(method)) throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, POST, DELETE" });
    if (this.ctx.config.stateless) {
      if (method !== "POST")
        throw new HttpError(405, "Method not allowed: this server is stateless, so there is no session stream to open or end", -32000, { allow: "POST" });
      return this.stateless(req, res);
    }
    const sessionId = header(req, "mcp-session-id");
    if (sessionId === undefined) {
      if (method === "GET") return answerSessionlessGet(res);
      if (method !== "POST") throw new HttpError(400, "Bad Request: no Mcp-Session-Id header; initialize a session with a POST first");
      return this.initialize(req, res);
    }
    const session = this.ctx.session(req, sessionId, "streamable");
    const transport = session.transport as StreamableHTTPServerTransport;
    // The GET stream stays open for the whole session: it neither keeps a session from idling
    // nor holds up a shutdown.
    if (method === "GET") return transport.handleRequest(req, res);
    const body = method === "POST" ? await this.ctx.body(req) : undefined;
    await this.ctx.track(session, res, () => transport.handleRequest(req, res, body));
  }

  private async initialize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.ctx.body(req);
    const messages = Array.isArray(body) ? body : [body];
    if (!messages.some((m) => isInitializeRequest(m))) {
      if (answerDiscoverProbe(messages, res)) return;
      throw new HttpError(400, "Bad Request: no valid Mcp-Session-Id header; a session starts with an initialize request");
    }
    const credentials = credentialsOf(req, this.ctx.config);
    const address = this.ctx.reserve(req);
    let tenant: TenantLease | undefined;
    let added = false;
    try {
      tenant = this.ctx.tenants.acquire(credentials);
      const lease = tenant;
      const server = this.ctx.server(lease);
      // Counted from the first message, before the session exists; the session takes this object over.
      const live = { inFlight: 0, lastSeen: Date.now() };
      let session: HttpSession | undefined;
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          session = Object.assign(live, { id, tag: sessionTag(id), kind: "streamable" as const, transport, server, tenant: lease, address });
          this.ctx.sessions.add(session);
          this.ctx.note(req, session);
          added = true;
        },
      });
      const observed = new ObservedTransport(transport, {
        callStarted: () => void (live.inFlight += 1),
        callFinished: () => void (live.inFlight -= 1),
        closed: () => {
          if (session) this.ctx.sessions.remove(session.id);
        },
      });
      await server.connect(observed);
      await transport.handleRequest(req, res, body);
    } finally {
      if (!added) {
        this.ctx.sessions.unreserve(address);
        tenant?.release();
      }
    }
  }

  private async stateless(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.ctx.body(req);
    if (answerDiscoverProbe(Array.isArray(body) ? body : [body], res)) return;
    const tenant = this.ctx.tenants.acquire(credentialsOf(req, this.ctx.config));
    const server = this.ctx.server(tenant);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.once("close", () => {
      void server.close().catch(() => {});
      tenant.release();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
}
