import type { GatewayClient } from "../gateway/client.js";
import { dated, datedHeaders } from "./dated.js";
import type { Page, QuoMessage, Single, ThreadQuery } from "./types.js";

export interface SendMessageBody {
  from: string;
  to: string[];
  content: string;
}

/** Texts of one thread (an own number and its participants); one HTTP request per method. */
export class QuoMessages {
  constructor(private readonly gateway: GatewayClient) {}

  list(query: ThreadQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoMessage>>({ method: "GET", path: "/v1/messages", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoMessage>>({ method: "GET", path: `/v1/messages/${encodeURIComponent(id)}`, signal });
  }

  /** Not idempotent: Quo has no idempotency key, so a repeated send can reach a person twice. */
  send(body: SendMessageBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoMessage>>({ method: "POST", path: "/v1/messages", body, signal, idempotent: false });
  }

  /**
   * Asks Quo (dated API) to deliver a failed message again. Not idempotent: two retries could
   * reach the person twice, so a dropped connection is reported as an unknown outcome, never repeated.
   */
  async retry(id: string, signal?: AbortSignal): Promise<void> {
    await dated("Retrying a message", () =>
      this.gateway.request<unknown>({ method: "POST", path: `/messages/${encodeURIComponent(id)}/retry`, signal, idempotent: false, headers: datedHeaders }),
    );
  }
}
