import type { GatewayClient } from "../gateway/client.js";
import type { Page, QuoCall, QuoMessage, QuoPhoneNumber, QuoRecording, QuoSummary, QuoTranscript, QuoUser, QuoVoicemail, Single } from "./types.js";

/** Page sizes the v1 endpoints allow at most. */
export const maxPage = { calls: 100, messages: 100, conversations: 100, tasks: 100, contacts: 50, users: 50 } as const;

export interface ThreadQuery {
  phoneNumberId: string;
  participants: string[];
  createdAfter?: string;
  createdBefore?: string;
  maxResults: number;
  pageToken?: string;
}

export interface SendMessageBody {
  from: string;
  to: string[];
  content: string;
}

const path = (template: string, id: string) => template.replace("{id}", encodeURIComponent(id));

/**
 * Typed Quo v1 calls over one gateway client. Each method is one HTTP request; paging,
 * merging and projections live above this layer.
 */
export class QuoApi {
  constructor(readonly gateway: GatewayClient) {}

  listPhoneNumbers(signal?: AbortSignal, userId?: string) {
    return this.gateway.request<Page<QuoPhoneNumber>>({ method: "GET", path: "/v1/phone-numbers", query: { userId }, signal });
  }

  getPhoneNumber(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoPhoneNumber>>({ method: "GET", path: path("/v1/phone-numbers/{id}", id), signal });
  }

  listUsers(query: { maxResults: number; pageToken?: string }, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoUser>>({ method: "GET", path: "/v1/users", query, signal });
  }

  getUser(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoUser>>({ method: "GET", path: path("/v1/users/{id}", id), signal });
  }

  listMessages(query: ThreadQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoMessage>>({ method: "GET", path: "/v1/messages", query: { ...query }, signal });
  }

  getMessage(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoMessage>>({ method: "GET", path: path("/v1/messages/{id}", id), signal });
  }

  /** Not idempotent: Quo has no idempotency key, so a repeated send can reach a person twice. */
  sendMessage(body: SendMessageBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoMessage>>({ method: "POST", path: "/v1/messages", body, signal, idempotent: false });
  }

  listCalls(query: ThreadQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoCall>>({ method: "GET", path: "/v1/calls", query: { ...query }, signal });
  }

  getCall(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoCall>>({ method: "GET", path: path("/v1/calls/{id}", id), signal });
  }

  getCallRecordings(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoRecording>>({ method: "GET", path: path("/v1/call-recordings/{id}", callId), signal });
  }

  getCallSummary(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoSummary>>({ method: "GET", path: path("/v1/call-summaries/{id}", callId), signal });
  }

  getCallTranscript(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTranscript>>({ method: "GET", path: path("/v1/call-transcripts/{id}", callId), signal });
  }

  getCallVoicemail(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoVoicemail>>({ method: "GET", path: path("/v1/call-voicemails/{id}", callId), signal });
  }
}
