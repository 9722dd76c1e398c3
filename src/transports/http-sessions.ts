import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { TenantLease } from "../tenants.js";

/** One MCP session held by this process: its transport, its server and its tenant. */
export interface HttpSession {
  id: string;
  kind: "streamable" | "sse";
  transport: StreamableHTTPServerTransport | SSEServerTransport;
  server: McpServer;
  tenant: TenantLease;
  lastSeen: number;
  /** POSTs of this session still being answered: a session busy with a call is never idle. */
  inFlight: number;
}

/**
 * The live sessions, with a cap on their number and an idle timeout. An idle session is one
 * with no request for `idleMs` and none in flight; an open GET stream alone does not keep a
 * session alive, since clients hold it open forever.
 */
export class SessionStore {
  private readonly sessions = new Map<string, HttpSession>();
  /** Sessions promised to initializations still under way, so the cap holds under a burst. */
  private reserved = 0;

  constructor(
    private readonly max: number,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims room for one more session; false when the server is full. */
  reserve(): boolean {
    if (this.sessions.size + this.reserved >= this.max) return false;
    this.reserved += 1;
    return true;
  }

  unreserve(): void {
    this.reserved = Math.max(0, this.reserved - 1);
  }

  /** Adds a session whose room was reserved. */
  add(session: HttpSession): void {
    this.unreserve();
    this.sessions.set(session.id, session);
  }

  get(id: string): HttpSession | undefined {
    return this.sessions.get(id);
  }

  /** Forgets a session and releases its tenant; true if it was still held. */
  remove(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    session.tenant.release();
    return true;
  }

  /** Sessions idle for longer than the timeout. */
  idle(): HttpSession[] {
    const cutoff = this.now() - this.idleMs;
    return [...this.sessions.values()].filter((s) => s.inFlight === 0 && s.lastSeen <= cutoff);
  }

  all(): HttpSession[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Closes a session's transport and server; never throws, since this runs during cleanup. */
export async function closeSession(session: HttpSession): Promise<void> {
  await session.transport.close().catch(() => {});
  await session.server.close().catch(() => {});
}
