import type { GatewayClient } from "../gateway/client.js";
import type { Page, QuoPhoneNumber, Single } from "./types.js";

/** The workspace's Quo numbers; one HTTP request per method. */
export class QuoNumbers {
  constructor(private readonly gateway: GatewayClient) {}

  /** Every number of the workspace (Quo does not page them), or only those a user can use. */
  list(query: { userId?: string } = {}, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoPhoneNumber>>({ method: "GET", path: "/v1/phone-numbers", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoPhoneNumber>>({ method: "GET", path: `/v1/phone-numbers/${encodeURIComponent(id)}`, signal });
  }
}
