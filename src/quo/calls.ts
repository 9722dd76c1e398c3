import type { GatewayClient } from "../gateway/client.js";
import type { Page, QuoCall, QuoRecording, QuoSummary, QuoTranscript, QuoVoicemail, Single, ThreadQuery } from "./types.js";

/** Calls and what Quo keeps of them; one HTTP request per method. */
export class QuoCalls {
  constructor(private readonly gateway: GatewayClient) {}

  list(query: ThreadQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoCall>>({ method: "GET", path: "/v1/calls", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoCall>>({ method: "GET", path: `/v1/calls/${encodeURIComponent(id)}`, signal });
  }

  // Each artifact below is a 404 until Quo has made it, and forever for a call without one.

  recordings(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoRecording>>({ method: "GET", path: `/v1/call-recordings/${encodeURIComponent(callId)}`, signal });
  }

  summary(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoSummary>>({ method: "GET", path: `/v1/call-summaries/${encodeURIComponent(callId)}`, signal });
  }

  transcript(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTranscript>>({ method: "GET", path: `/v1/call-transcripts/${encodeURIComponent(callId)}`, signal });
  }

  voicemail(callId: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoVoicemail>>({ method: "GET", path: `/v1/call-voicemails/${encodeURIComponent(callId)}`, signal });
  }
}
