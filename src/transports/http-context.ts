import type { IncomingMessage, ServerResponse } from "node:http";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { TenantLease, Tenants } from "../tenants.js";
import type { HttpSession, SessionStore } from "./http-sessions.js";

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
  /** Room for a new session from this request's client, or an HttpError (503). */
  reserve(req: IncomingMessage): string;
  /** The session a request names, checked to belong to the same tenant and transport. */
  session(req: IncomingMessage, id: string, kind: HttpSession["kind"]): HttpSession;
  /** Runs a session's request, keeping the session busy (not idle) until its answer is sent. */
  track(session: HttpSession, res: ServerResponse, run: () => Promise<void>): Promise<void>;
  /** Ends a session now (evicted, overflowing): forgets it and closes its transport and server. */
  end(session: HttpSession, why: string): void;
  /** What the access log records of a request: the session's tag once known. */
  note(req: IncomingMessage, session: HttpSession): void;
}
