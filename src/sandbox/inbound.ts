// The sandbox talks back. Texts to the responder numbers below are answered after a short
// delay with fixed words; tests and demos can inject an inbound text or a call event on
// demand; and every event is delivered, signed, to the webhooks registered in the sandbox
// (through the v1 legacy endpoints or the dated API's POST /webhooks), as Quo would.
import { randomBytes } from "node:crypto";
import { signLegacy, signStandard } from "../inbound/signatures.js";
import type { Message } from "./types.js";
import { newId, type SandboxWorkspace } from "./workspace.js";

/**
 * Sandbox contacts that answer every text sent to them. The words are deterministic so a demo
 * or a test can expect them: Riley answers once, quoting the text; Sam answers twice in a row
 * (a burst).
 */
const RESPONDERS: Record<string, { name: string; replies: (text: string) => string[] }> = {
  "+15555550140": { name: "Riley (auto-reply)", replies: (text) => [`Got it, thanks! You said: "${text.slice(0, 60)}"`] },
  "+15555550141": { name: "Sam (auto-reply, two texts)", replies: () => ["Yes, that works for me.", "See you then!"] },
};

/** A webhook of the dated API (its ids are numeric strings, its key a whsec_ secret). */
export interface DatedWebhook {
  id: string;
  orgId: string;
  label: string | null;
  status: "enabled" | "disabled";
  url: string;
  createdAt: string;
  updatedAt: string;
  apiVersion: "2026-03-30";
  events: string[];
  resourceIds: string[];
  key: string;
}

export function newWhsec(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** A text from `from` to one of the workspace's numbers, as if a person had sent it. */
export function receiveMessage(ws: SandboxWorkspace, input: { from: string; phoneNumber?: string; text: string; media?: string[] }): Message {
  const pn = ws.phoneNumberByRef(input.phoneNumber ?? ws.phoneNumbers[0]!.id);
  if (!pn) throw new Error(`no workspace number ${input.phoneNumber}`);
  const now = ws.nowIso();
  const conversation = ws.ensureConversation(pn.id, [input.from], now);
  const message: Message = {
    id: newId("AC"),
    to: [pn.number],
    from: input.from,
    text: input.text,
    phoneNumberId: pn.id,
    conversationId: conversation.id,
    direction: "incoming",
    userId: pn.users[0]?.id ?? ws.owner().id,
    status: "received",
    createdAt: now,
    updatedAt: now,
  };
  ws.messages.push(message);
  conversation.lastActivityAt = now;
  conversation.lastActivityId = message.id;
  conversation.updatedAt = now;
  ws.inbox.set(conversation.id, { status: "open", read: false });
  emit(ws, "message.received", message as unknown as Record<string, unknown>, {
    phoneNumber: { id: pn.id, number: pn.number },
    conversation: { id: conversation.id },
  });
  return message;
}

/** After a send: the responders among the recipients answer, once the delay has passed. */
export function answerLater(ws: SandboxWorkspace, sent: Message, delayMs: number): void {
  for (const to of sent.to) {
    const responder = RESPONDERS[to];
    if (!responder) continue;
    const timer = setTimeout(() => {
      for (const text of responder.replies(sent.text)) receiveMessage(ws, { from: to, phoneNumber: sent.phoneNumberId ?? undefined, text });
    }, delayMs);
    timer.unref?.();
  }
}

/** A call event (transcript or summary ready, a missed call...) for one of the workspace's calls. */
function callEvent(ws: SandboxWorkspace, type: string, callId: string): Record<string, unknown> {
  const call = ws.calls.find((c) => c.id === callId);
  if (!call) throw new Error(`no call ${callId}`);
  const resource =
    type === "call.summary.completed" || type === "call.transcript.completed"
      ? { callId, ...(type === "call.summary.completed" ? ws.summaries.get(callId) : ws.transcripts.get(callId)) }
      : { ...call };
  emit(ws, type, resource as Record<string, unknown>, { phoneNumber: { id: call.phoneNumberId } });
  return resource as Record<string, unknown>;
}

function emit(ws: SandboxWorkspace, type: string, resource: Record<string, unknown>, context: Record<string, unknown>): void {
  const phoneNumberId = (context.phoneNumber as { id?: string } | undefined)?.id;
  const createdAt = ws.nowIso();
  for (const hook of ws.datedWebhooks) {
    if (hook.status !== "enabled" || !hook.events.includes(type) || !covers(hook.resourceIds, phoneNumberId)) continue;
    const id = newId("EV");
    const body = JSON.stringify({ id, apiVersion: hook.apiVersion, createdAt, type, data: { resource, context, links: { quo: null } } });
    const delivery = { id, eventType: type, status: "pending" as "success" | "pending" | "failed", nextAttemptAt: null, createdAt };
    ws.deliveries.set(hook.id, [...(ws.deliveries.get(hook.id) ?? []), delivery]);
    post(hook.url, body, signStandard(hook.key, id, body), (ok) => {
      delivery.status = ok ? "success" : "failed";
    });
  }
  for (const hook of ws.webhooks) {
    if (!ws.createdWebhookIds.has(hook.id)) continue;
    if (hook.status !== "enabled" || !(hook.events as string[]).includes(type) || !covers(hook.resourceIds, phoneNumberId)) continue;
    const body = JSON.stringify({ id: newId("EV"), object: "event", apiVersion: "v4", createdAt, type, data: { object: resource } });
    post(hook.url, body, { "openphone-signature": signLegacy(hook.key, body) });
  }
}

const covers = (resourceIds: readonly string[], phoneNumberId: string | undefined) =>
  resourceIds.includes("*") || (phoneNumberId !== undefined && resourceIds.includes(phoneNumberId));

function post(url: string, body: string, headers: Record<string, string>, settled?: (ok: boolean) => void): void {
  // Delivery is best effort, as Quo's is on a first attempt; a receiver that is down misses it.
  fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "user-agent": "quo-mcp-sandbox-webhooks", ...headers } })
    .then((res) => {
      settled?.(res.ok);
      return res.body?.cancel();
    })
    .catch(() => settled?.(false));
}

/**
 * Finishes a call's summary and transcript now, with fixed words, and sends their events, as
 * Quo does minutes after a call.
 */
export function completeArtifacts(ws: SandboxWorkspace, callId: string): void {
  const call = ws.calls.find((c) => c.id === callId);
  if (!call) throw new Error(`no call ${callId}`);
  ws.summaries.set(callId, {
    callId,
    status: "completed",
    summary: ["The caller asked to move the appointment to Friday."],
    nextSteps: ["Confirm Friday by text."],
  });
  callEvent(ws, "call.summary.completed", callId);
  ws.transcripts.set(callId, {
    callId,
    createdAt: ws.nowIso(),
    duration: 42,
    status: "completed",
    dialogue: [{ content: "Hi, could we move my appointment to Friday?", start: 0, end: 4, identifier: call.participants[0] ?? null, userId: null }],
  });
  callEvent(ws, "call.transcript.completed", callId);
}

/**
 * `POST /sandbox/events` (the sandbox's control, with the Maton key as bearer): makes something
 * happen in that key's workspace now, for tests and demos.
 *   {"type": "message.received", "from": "+15555550123", "phoneNumber": "PNmain0100", "text": "..."}
 *   {"type": "call.completed" | "call.summary.completed" | "call.transcript.completed" | ..., "callId": "AC..."}
 *   {"type": "call.artifacts", "callId": "AC..."}: the summary and transcript finish, with both events
 */
export function sandboxEvent(ws: SandboxWorkspace, body: unknown): { status: number; json: unknown } {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof b[key] === "string" ? (b[key] as string) : undefined);
  try {
    if (b.type === "message.received") {
      const from = text("from");
      if (!from || !/^\+[1-9]\d{6,14}$/.test(from)) return { status: 400, json: { error: "from must be an E.164 number such as +15555550123" } };
      const message = receiveMessage(ws, { from, phoneNumber: text("phoneNumber"), text: text("text") ?? "" });
      return { status: 202, json: { data: message } };
    }
    const callId = text("callId");
    if (typeof b.type === "string" && b.type.startsWith("call.") && callId) {
      if (b.type === "call.artifacts") {
        completeArtifacts(ws, callId);
        return { status: 202, json: { data: { callId } } };
      }
      return { status: 202, json: { data: callEvent(ws, b.type, callId) } };
    }
    return {
      status: 400,
      json: { error: 'type must be "message.received" (with from, text, phoneNumber) or a call event such as "call.artifacts" (with callId)' },
    };
  } catch (error) {
    return { status: 404, json: { error: (error as Error).message } };
  }
}
