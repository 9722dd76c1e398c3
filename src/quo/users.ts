import type { GatewayClient } from "../gateway/client.js";
import type { Page, QuoUser, Single } from "./types.js";

/** The workspace's users; one HTTP request per method. */
export class QuoUsers {
  constructor(private readonly gateway: GatewayClient) {}

  list(query: { maxResults: number; pageToken?: string }, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoUser>>({ method: "GET", path: "/v1/users", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoUser>>({ method: "GET", path: `/v1/users/${encodeURIComponent(id)}`, signal });
  }
}
