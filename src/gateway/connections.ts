import type { GatewayClient } from "./client.js";

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
}
