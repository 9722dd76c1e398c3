import { compareText } from "../text-order.js";
import type { GatewayClient } from "./client.js";
import { sleep } from "./deadline.js";

export type ConnectionStatus = "ACTIVE" | "PENDING" | "FAILED";

/** A Maton connection: one OAuth grant to Quo, held by Maton for this key. */
export interface Connection {
  connection_id: string;
  status: ConnectionStatus | string;
  creation_time?: string;
  last_updated_time?: string;
  url?: string;
  app?: string;
  method?: string;
  metadata?: unknown;
}

/** Which connection a key uses, and whether it had to be made (replacing a FAILED one, if any). */
export interface ChosenConnection {
  connection: Connection;
  created: boolean;
  failed?: Connection;
}

export interface SettleOptions {
  signal?: AbortSignal;
  pollMs: number;
  limitMs: number;
  now?: () => number;
  /** Called before each pause between checks, with the time waited so far. */
  onWait?: (elapsedMs: number, checks: number) => Promise<void> | void;
}

const oldestFirst = (a: Connection, b: Connection) => compareText(a.creation_time ?? "", b.creation_time ?? "");

/** The Maton control plane, limited to Quo connections. */
export class Connections {
  constructor(private readonly client: GatewayClient) {}

  async list(signal?: AbortSignal, status?: ConnectionStatus): Promise<Connection[]> {
    const body = await this.client.request<{ connections?: Connection[] }>({
      method: "GET",
      path: "/connections",
      query: { app: "quo", status },
      signal,
    });
    return (body?.connections ?? []).filter((c) => !c.app || c.app === "quo");
  }

  async create(signal?: AbortSignal): Promise<Connection> {
    const body = await this.client.request<{ connection: Connection }>({
      method: "POST",
      path: "/connections",
      body: { app: "quo" },
      signal,
      // A second PENDING connection is harmless: it is never activated and can be deleted.
      idempotent: true,
    });
    return body.connection;
  }

  async get(id: string, signal?: AbortSignal): Promise<Connection> {
    const body = await this.client.request<{ connection: Connection }>({
      method: "GET",
      path: `/connections/${encodeURIComponent(id)}`,
      signal,
    });
    return body.connection;
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.client.request({ method: "DELETE", path: `/connections/${encodeURIComponent(id)}`, signal, idempotent: true });
  }

  /**
   * The connection the gateway will use: the pinned one as it is; otherwise the oldest ACTIVE
   * one (the one Maton picks), else the oldest PENDING one that has a link to approve, else a
   * new one.
   */
  async choose(pinned: string | undefined, signal?: AbortSignal): Promise<ChosenConnection> {
    if (pinned) return { connection: await this.get(pinned, signal), created: false };
    const all = (await this.list(signal)).sort(oldestFirst);
    const usable = all.find((c) => c.status === "ACTIVE") ?? all.find((c) => c.status === "PENDING" && c.url);
    if (usable) return { connection: usable, created: false };
    return { connection: await this.create(signal), created: true, failed: all.find((c) => c.status === "FAILED") };
  }

  /**
   * Checks the connection now and then every `pollMs` until it is ACTIVE or FAILED, or until
   * the next check would pass `limitMs`; returns it as last seen. An abort ends the wait with
   * the signal's reason.
   */
  async waitUntilSettled(id: string, options: SettleOptions): Promise<Connection> {
    const now = options.now ?? Date.now;
    const started = now();
    for (let checks = 1; ; checks += 1) {
      const connection = await this.get(id, options.signal);
      if (connection.status === "ACTIVE" || connection.status === "FAILED") return connection;
      const elapsed = now() - started;
      if (elapsed + options.pollMs > options.limitMs) return connection;
      await options.onWait?.(elapsed, checks);
      await sleep(options.pollMs, options.signal);
    }
  }
}
