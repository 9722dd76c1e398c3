import type { GatewayClient } from "../gateway/client.js";
import { dated, datedHeaders } from "./dated.js";
import type { Page, Single } from "./types.js";

export interface QuoConversation {
  id: string;
  phoneNumberId: string;
  participants: string[];
  name: string | null;
  assignedTo: string | null;
  lastActivityAt: string | null;
  lastActivityId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  deletedAt: string | null;
  mutedUntil: string | null;
  snoozedUntil: string | null;
}

export interface ConversationQuery {
  /** Own numbers, as PN ids or E.164. */
  phoneNumbers?: string[];
  userId?: string;
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
  excludeInactive?: boolean;
  maxResults: number;
  pageToken?: string;
}

/** The three inbox actions, each its own v1 operation. */
export const conversationActions = { read: "mark-as-read", done: "mark-as-done", open: "mark-as-open" } as const;
export type ConversationAction = keyof typeof conversationActions;

const path = (id: string, action: ConversationAction) => `/v1/conversations/${encodeURIComponent(id)}/${conversationActions[action]}`;

/** The inbox of the workspace; one HTTP request per method. */
export class QuoConversations {
  constructor(private readonly gateway: GatewayClient) {}

  /** Newest activity first, as Quo documents. */
  list(query: ConversationQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoConversation>>({ method: "GET", path: "/v1/conversations", query: { ...query }, signal });
  }

  /**
   * Quo answers the bare conversation here, not `{data}`. Marking twice leaves the same state,
   * so a retry after a dropped connection is harmless.
   */
  mark(id: string, action: ConversationAction, signal?: AbortSignal) {
    return this.gateway.request<QuoConversation>({ method: "POST", path: path(id, action), signal, idempotent: true });
  }

  /** The same three marks through the dated API, which answers `{data}`. */
  markDated(id: string, action: ConversationAction, signal?: AbortSignal) {
    return dated(`Marking a conversation ${action}`, () =>
      this.gateway.request<Single<QuoConversation>>({
        method: "POST",
        path: `/conversations/${encodeURIComponent(id)}/${conversationActions[action]}`,
        signal,
        idempotent: true,
        headers: datedHeaders,
      }),
    );
  }
}
