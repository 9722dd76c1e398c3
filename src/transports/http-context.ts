import type { IncomingMessage, ServerResponse } from "node:http";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { buildServer } from "../server.js";
import type { TenantLease, Tenants } from "../tenants.js";
import type { ToolDefinition } from "../tools/define.js";
import { readJsonBody } from "./http-body.js";
import { ClientGone, clientAddress, HttpError } from "./http-responses.js";
import { closeSession, type HttpSession, type SessionStore } from "./http-sessions.js";
import { checkTenant } from "./http-tenancy.js";

/** What a transport endpoint gets from the HTTP app: the shared tables and the shared steps. */
export interface EndpointContext {
  config: Config;
  logger: Logger;
  sessions: SessionStore;
  tenants: Tenants;
  /** A fresh McpServer bound to a tenant's services. */
  server(tenant: TenantLease): McpServer;
  /** The request's JSON body, within the size and time limits; throws HttpError or ClientGone. */
  body(req: IncomingMessage): Promise<unknown>;
  /** Room for a new session from this request's client (its address), or an HttpError (503). */
  reserve(req: IncomingMessage): string;
  /** The session a request names, checked to belong to the same tenant and transport. */
  session(req: IncomingMessage, id: string, kind: HttpSession["kind"]): HttpSession;
  /** Runs a session's request, keeping the session busy (not idle) until its answer is sent. */
  track(session: HttpSession, res: ServerResponse, run: () => Promise<void>): Promise<void>;
  /** Ends a session now (evicted, overflowing): forgets it and closes its transport and server. */
  end(session: HttpSession, why: string): void;
  /** Tells the access log which session a request belongs to (it logs the session's tag). */
  note(req: IncomingMessage, session: HttpSession): void;
}

export interface EndpointDeps {
  config: Config;
  logger: Logger;
  tools: ToolDefinition[];
  sessions: SessionStore;
  tenants: Tenants;
  note(req: IncomingMessage, session: HttpSession): void;
}

/** The sessions and tenancy rules every transport endpoint follows, in one place. */
export function endpointContext({ config, logger, tools, sessions, tenants, note }: EndpointDeps): EndpointContext {
  const ctx: EndpointContext = {
    config,
    logger,
    sessions,
    tenants,
    note,
    server: (tenant) => buildServer({ tools, services: tenant.services }),
    body: async (req) => {
      const result = await readJsonBody(req, { timeoutMs: config.bodyTimeoutMs });
      if (result.ok) return result.value;
      if (result.status === "gone") throw new ClientGone();
      throw new HttpError(result.status, result.message, result.code, result.status === 400 ? {} : { connection: "close" });
    },
    reserve: (req) => {
      const address = clientAddress(req.socket.remoteAddress);
      const room = sessions.reserve(address);
      if (!room.ok) {
        const message =
          room.reason === "address" ? "Too many sessions from your address: end some (DELETE /mcp) or try again later" : "Too many sessions: try again later";
        throw new HttpError(503, message, -32000, { "retry-after": "5" });
      }
      if (room.evicted) ctx.end(room.evicted, "the session table is full and it was idle the longest");
      return address;
    },
    session: (req, id, kind) => {
      const session = sessions.get(id);
      // The key is checked before the session's existence is revealed, and before anything runs.
      checkTenant(req, config, session?.tenant.digest);
      if (!session || session.kind !== kind) throw new HttpError(404, "Session not found: it ended or expired; start a new one", -32001);
      note(req, session);
      session.lastSeen = Date.now();
      return session;
    },
    track: async (session, res, run) => {
      session.inFlight += 1;
      res.once("close", () => {
        session.inFlight -= 1;
        session.lastSeen = Date.now();
      });
      await run();
    },
    end: (session, why) => {
      sessions.remove(session.id);
      logger.info({ session: session.tag, why }, "session ended");
      void closeSession(session);
    },
  };
  return ctx;
}
