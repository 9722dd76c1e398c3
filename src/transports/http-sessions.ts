import { createHash } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { TenantLease } from "../tenants.js";

/** One MCP session held by this process: its transport, its server and its tenant. */
export interface HttpSession {
  id: string;
  /** What logs say instead of the id: whoever holds an id can act as its session. */
  tag: string;
  kind: "streamable" | "sse";
  transport: StreamableHTTPServerTransport | SSEServerTransport;
  server: McpServer;
  tenant: TenantLease;
  /** The client address that opened it, for the per-address cap. */
  address: string;
  lastSeen: number;
  /** Calls of this session still being answered: a session busy with a call is never idle. */
  inFlight: number;
}

/** A short, one-way name for a session id, enough to follow one session through the log. */
export function sessionTag(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 12);
}

export interface SessionLimits {
  max: number;
  maxPerAddress: number;
  idleMs: number;
}

/** Whether a new session may start; `evicted` is a session made room for, for the caller to close. */
export type Reservation = { ok: true; evicted?: HttpSession } | { ok: false; reason: "address" | "full" };

/**
 * The live sessions, with caps on their number (in all and per client address) and an idle
 * timeout. An idle session is one with no request for `idleMs` and none in flight; an open GET
 * stream alone does not keep a session alive, since clients hold it open for ever. When the
 * table is full, the session idle the longest makes room, so a client that opens sessions and
 * leaves them cannot lock everyone else out.
 */
export class SessionStore {
  private readonly sessions = new Map<string, HttpSession>();
  /** Sessions promised to initializations still under way, by address, so the caps hold under a burst. */
  private readonly reserved = new Map<string, number>();
  private reservedTotal = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims room for one more session from this address, evicting the oldest idle session when full. */
  reserve(address: string): Reservation {
    if (this.countOf(this.perAddress, address) + this.countOf(this.reserved, address) >= this.limits.maxPerAddress) return { ok: false, reason: "address" };
    let evicted: HttpSession | undefined;
    if (this.sessions.size + this.reservedTotal >= this.limits.max) {
      evicted = this.oldestIdle();
      if (!evicted) return { ok: false, reason: "full" };
      this.remove(evicted.id);
    }
    this.bump(this.reserved, address, 1);
    this.reservedTotal += 1;
    return { ok: true, evicted };
  }

  unreserve(address: string): void {
    if (this.countOf(this.reserved, address) === 0) return;
    this.bump(this.reserved, address, -1);
    this.reservedTotal -= 1;
  }

  /** Adds a session whose room was reserved. */
  add(session: HttpSession): void {
    this.unreserve(session.address);
    this.sessions.set(session.id, session);
    this.bump(this.perAddress, session.address, 1);
  }

  get(id: string): HttpSession | undefined {
    return this.sessions.get(id);
  }

  /** Forgets a session and releases its tenant; true if it was still held. */
  remove(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    this.bump(this.perAddress, session.address, -1);
    session.tenant.release();
    return true;
  }

  /** Sessions idle for longer than the timeout. */
  idle(): HttpSession[] {
    const cutoff = this.now() - this.limits.idleMs;
    return [...this.sessions.values()].filter((s) => s.inFlight === 0 && s.lastSeen <= cutoff);
  }

  all(): HttpSession[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }

  private oldestIdle(): HttpSession | undefined {
    let oldest: HttpSession | undefined;
    for (const session of this.sessions.values()) {
      if (session.inFlight === 0 && (!oldest || session.lastSeen < oldest.lastSeen)) oldest = session;
    }
    return oldest;
  }

  private countOf(counts: Map<string, number>, address: string): number {
    return counts.get(address) ?? 0;
  }

  private bump(counts: Map<string, number>, address: string, by: number): void {
    const next = this.countOf(counts, address) + by;
    if (next <= 0) counts.delete(address);
    else counts.set(address, next);
  }
}

/** Closes a session's transport and server; never throws, since this runs during cleanup. */
export async function closeSession(session: HttpSession): Promise<void> {
  await session.transport.close().catch(() => {});
  await session.server.close().catch(() => {});
}
