import type { GatewayClient } from "../gateway/client.js";
import { type DatedWebhook, type DeliveryStatus, dated, datedHeaders, type WebhookDelivery } from "./dated.js";
import type { Single } from "./types.js";

/** Each kind of webhook has its own create endpoint and its own events. */
export const webhookKinds = {
  messages: ["message.received", "message.delivered"],
  calls: ["call.completed", "call.ringing", "call.recording.completed"],
  "call-summaries": ["call.summary.completed"],
  "call-transcripts": ["call.transcript.completed"],
} as const;
export type WebhookKind = keyof typeof webhookKinds;

export interface QuoWebhook {
  id: string;
  userId: string;
  orgId: string;
  label: string | null;
  status: "enabled" | "disabled";
  url: string;
  /** The secret that signs deliveries. */
  key: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  events: string[];
  /** PN ids, or ["*"] for every number. */
  resourceIds: string[];
}

export interface CreateWebhookBody {
  url: string;
  events: string[];
  resourceIds?: string[];
  label?: string;
  status?: "enabled" | "disabled";
  userId?: string;
}

const one = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`;

/** Webhooks that deliver Quo events; one HTTP request per method. */
export class QuoWebhooks {
  constructor(private readonly gateway: GatewayClient) {}

  /** One user's webhooks; Quo defaults to the workspace owner's. */
  list(userId: string | undefined, signal?: AbortSignal) {
    return this.gateway.request<{ data: QuoWebhook[] }>({ method: "GET", path: "/v1/webhooks", query: { userId }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoWebhook>>({ method: "GET", path: one(id), signal });
  }

  /** Not idempotent: a repeat could register a second webhook that delivers every event twice. */
  create(kind: WebhookKind, body: CreateWebhookBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoWebhook>>({ method: "POST", path: `/v1/webhooks/${kind}`, body, signal, idempotent: false });
  }

  delete(id: string, signal?: AbortSignal) {
    return this.gateway.request<void>({ method: "DELETE", path: one(id), signal, idempotent: true });
  }

  // The dated API keeps its webhooks apart from the legacy ones above: the workspace's, one
  // create for every kind of event.

  listDated(signal?: AbortSignal) {
    return dated("Listing webhooks", () => this.gateway.request<{ data: DatedWebhook[] }>({ method: "GET", path: "/webhooks", signal, headers: datedHeaders }));
  }

  /** Not idempotent: a repeat would register a second webhook and every event would arrive twice. */
  createDated(body: { url: string; events: string[]; resourceIds?: string[]; label?: string }, signal?: AbortSignal) {
    return dated("Creating a webhook", () =>
      this.gateway.request<{ data: DatedWebhook }>({ method: "POST", path: "/webhooks", body, signal, idempotent: false, headers: datedHeaders }),
    );
  }

  /** What Quo tried to deliver to one dated webhook, newest first, and how each delivery went. */
  listDeliveries(id: string, query: { limit: number; after?: string; status?: DeliveryStatus }, signal?: AbortSignal) {
    return dated("Listing webhook deliveries", () =>
      this.gateway.request<{ data: WebhookDelivery[]; nextCursor: string | null }>({
        method: "GET",
        path: `/webhooks/${encodeURIComponent(id)}/events`,
        query,
        signal,
        headers: datedHeaders,
      }),
    );
  }

  deleteDated(id: string, signal?: AbortSignal) {
    return dated("Deleting a webhook", () =>
      this.gateway.request<void>({ method: "DELETE", path: `/webhooks/${encodeURIComponent(id)}`, signal, idempotent: true, headers: datedHeaders }),
    );
  }
}

/** Which kind a stored webhook is, read from its events (the API does not say). */
export function webhookKind(events: readonly string[]): WebhookKind | undefined {
  const kinds = Object.keys(webhookKinds) as WebhookKind[];
  return kinds.find((kind) => events.length > 0 && events.every((e) => (webhookKinds[kind] as readonly string[]).includes(e)));
}
