import type { QuoApi } from "./api.js";
import type { QuoConversation } from "./conversations.js";
import { type ConversationAction, conversationActions } from "./conversations.js";
import { GatewayError } from "../errors.js";

/**
 * Quo's dated API: the same gateway and key, paths without /v1, and a Quo-Api-Version header
 * on every request (Quo answers 400 without it). Sending stays on v1.
 */
export const QUO_API_VERSION = "2026-03-30";
const headers = { "quo-api-version": QUO_API_VERSION };

/** The gateway (or Quo) does not serve the dated API for this account: say so, plainly. */
export class DatedApiUnavailable extends GatewayError {
  override name = "DatedApiUnavailable";
  constructor(what: string, cause: GatewayError) {
    super(
      `${what} needs Quo's dated API (Quo-Api-Version ${QUO_API_VERSION}), which the gateway did not accept here (${cause.details.status ?? "error"}: ${cause.message}). Everything else keeps working; tell the person this action is unavailable for now.`,
      "ask_user",
      { ...cause.details },
    );
  }
}

/** Whether a failure means "this API is not served", rather than "this id is wrong". */
export function isUnavailable(error: unknown): error is GatewayError {
  if (!(error instanceof GatewayError)) return false;
  const status = error.details.status;
  if (status === 400 && /api[- ]version/i.test(error.message)) return true;
  if (status === 404 || status === 405 || status === 501) return !/(conversation|message|webhook)s? (was )?not found|no such (conversation|message|webhook)/i.test(error.message);
  return false;
}

async function dated<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error)) throw new DatedApiUnavailable(what, error);
    throw error;
  }
}

const enc = encodeURIComponent;

/** mark-as-read / -done / -open through the dated API; each returns the conversation in `data`. */
export async function markConversationDated(api: QuoApi, id: string, action: ConversationAction, signal?: AbortSignal): Promise<QuoConversation> {
  const answer = await dated(`Marking a conversation ${action}`, () =>
    api.gateway.request<{ data: QuoConversation }>({ method: "POST", path: `/conversations/${enc(id)}/${conversationActions[action]}`, signal, idempotent: true, headers }),
  );
  return answer.data;
}

/**
 * Asks Quo to deliver a failed message again. Not idempotent: two retries could reach the
 * person twice, so a dropped connection is reported as an unknown outcome, never repeated.
 */
export async function retryMessage(api: QuoApi, id: string, signal?: AbortSignal): Promise<void> {
  await dated("Retrying a message", () => api.gateway.request<unknown>({ method: "POST", path: `/messages/${enc(id)}/retry`, signal, idempotent: false, headers }));
}

export interface DatedWebhook {
  id: string;
  url: string;
  events: string[];
  resourceIds: string[];
  status: string;
  label: string | null;
  key?: string;
  createdAt?: string;
}

export function listDatedWebhooks(api: QuoApi, signal?: AbortSignal) {
  return dated("Listing webhooks", () => api.gateway.request<{ data: DatedWebhook[] }>({ method: "GET", path: "/webhooks", signal, headers }));
}

/** Not idempotent: a repeat would register a second webhook and every event would arrive twice. */
export function createDatedWebhook(api: QuoApi, body: { url: string; events: string[]; resourceIds?: string[]; label?: string }, signal?: AbortSignal) {
  return dated("Creating a webhook", () => api.gateway.request<{ data: DatedWebhook }>({ method: "POST", path: "/webhooks", body, signal, idempotent: false, headers }));
}

export function deleteDatedWebhook(api: QuoApi, id: string, signal?: AbortSignal) {
  return dated("Deleting a webhook", () => api.gateway.request<void>({ method: "DELETE", path: `/webhooks/${enc(id)}`, signal, idempotent: true, headers }));
}

/** The events `quo-mcp webhooks register` subscribes to: replies, and calls with their artifacts. */
export const INBOUND_EVENTS = [
  "message.received",
  "call.completed",
  "call.missed",
  "call.recording.completed",
  "call.summary.completed",
  "call.transcript.completed",
  "call.voicemail.completed",
] as const;
