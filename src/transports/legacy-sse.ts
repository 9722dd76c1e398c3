import type { IncomingMessage, ServerResponse } from "node:http";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import type { EndpointContext } from "./http-context.js";
import { HttpError } from "./http-responses.js";
import { type HttpSession, sessionTag } from "./http-sessions.js";
import { credentialsOf } from "./http-tenancy.js";
import { ObservedTransport } from "./observed-transport.js";

/**
 * The legacy HTTP+SSE transport: GET /sse opens the stream and the session, POST
 * /messages?sessionId= carries the client's messages, and every answer goes down the stream.
 */
export class LegacySseEndpoint {
  constructor(private readonly ctx: EndpointContext) {}

  async open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.ctx.config.stateless) {
      throw new HttpError(404, "Not found: the legacy SSE transport needs sessions, and this server runs --stateless; use /mcp");
    }
    const credentials = credentialsOf(req, this.ctx.config);
    const address = this.ctx.reserve(req);
    let session: HttpSession;
    try {
      const tenant = this.ctx.tenants.acquire(credentials);
      const server = this.ctx.server(tenant);
      const transport = new SSEServerTransport("/messages", res);
      session = {
        id: transport.sessionId,
        tag: sessionTag(transport.sessionId),
        kind: "sse",
        transport,
        server,
        tenant,
        address,
        lastSeen: Date.now(),
        inFlight: 0,
      };
    } catch (error) {
      this.ctx.sessions.unreserve(address);
      throw error;
    }
    this.ctx.sessions.add(session);
    this.ctx.note(req, session);
    const limit = this.ctx.config.sseMaxBufferBytes;
    const observed = new ObservedTransport(session.transport, {
      callStarted: () => void (session.inFlight += 1),
      callFinished: () => void (session.inFlight -= 1),
      // A client that stops reading its stream would make the server queue every answer in
      // memory: past the bound, the stream and its session end, and the buffer is freed.
      afterSend: () => {
        if (res.writableLength <= limit) return;
        // Ending the stream politely would wait for the buffer to drain, which it never will.
        res.destroy();
        this.ctx.end(session, "its client does not read the stream");
      },
      closed: () => void this.ctx.sessions.remove(session.id),
    });
    try {
      await session.server.connect(observed);
    } catch (error) {
      this.ctx.sessions.remove(session.id);
      throw error;
    }
  }

  async message(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = new URL(req.url ?? "/", "http://localhost").searchParams.get("sessionId");
    if (!id) throw new HttpError(400, "Bad Request: the sessionId query parameter is missing");
    const session = this.ctx.session(req, id, "sse");
    const body = await this.ctx.body(req);
    await this.ctx.track(session, res, () => (session.transport as SSEServerTransport).handlePostMessage(req, res, body));
  }
}
