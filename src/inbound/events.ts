/**
 * What quo-mcp reads from an inbound event, whichever of Quo's two webhook envelopes (or a
 * poller's find) carried it. Everything is read defensively: unknown fields are ignored and an
 * event type nothing waits for is simply not matched.
 */

/** One text as a wait returns it. */
export interface InboundMessage {
  id: string;
  from: string;
  to: string[];
  text: string;
  phoneNumberId?: string;
  conversationId?: string;
  createdAt: string;
  direction: "incoming" | "outgoing";
  media?: string[];
}

/** A delivery reduced to what the bus carries: its id, its type and its main object. */
export interface Delivery {
  id: string;
  type: string;
  createdAt?: string;
  /** The message or call (new envelope: data.resource; legacy: data.object). */
  resource: Record<string, unknown>;
  /** The new envelope's data.context (phone number, conversation, participants), if any. */
  context?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);

/** Reads either envelope; undefined when the body is not an event at all. */
export function readDelivery(body: unknown): Delivery | undefined {
  if (!isObject(body)) return undefined;
  const type = str(body.type);
  const id = str(body.id);
  const data = isObject(body.data) ? body.data : undefined;
  if (!type || !id || !data) return undefined;
  const resource = isObject(data.resource) ? data.resource : isObject(data.object) ? data.object : undefined;
  if (!resource) return undefined;
  return { id, type, createdAt: str(body.createdAt), resource, ...(isObject(data.context) ? { context: data.context } : {}) };
}

const phoneOf = (value: unknown): string | undefined => str(value) ?? (isObject(value) ? (str(value.phoneNumber) ?? str(value.number)) : undefined);

/** The text a message event carries, or undefined when it carries none that can be matched to a thread. */
export function messageOf(delivery: Pick<Delivery, "type" | "resource" | "context" | "createdAt">): InboundMessage | undefined {
  const r = delivery.resource;
  const id = str(r.id);
  const from = phoneOf(r.from);
  const toRaw = Array.isArray(r.to) ? r.to : r.to !== undefined ? [r.to] : [];
  const to = toRaw.map(phoneOf).filter((v): v is string => Boolean(v));
  if (!id || !from || to.length === 0) return undefined;
  const context = delivery.context ?? {};
  const contextNumber = isObject(context.phoneNumber) ? context.phoneNumber : undefined;
  const contextConversation = isObject(context.conversation) ? context.conversation : undefined;
  const direction =
    r.direction === "outgoing" || r.direction === "outbound"
      ? "outgoing"
      : delivery.type === "message.received" || r.direction === "incoming" || r.direction === "inbound"
        ? "incoming"
        : "outgoing";
  const media = Array.isArray(r.media) ? r.media.map((m) => (isObject(m) ? str(m.url) : str(m))).filter((v): v is string => Boolean(v)) : [];
  const phoneNumberId = str(r.phoneNumberId) ?? (contextNumber ? str(contextNumber.id) : undefined);
  const conversationId = str(r.conversationId) ?? (contextConversation ? str(contextConversation.id) : undefined);
  return {
    id,
    from,
    to,
    text: str(r.text) ?? str(r.body) ?? str(r.content) ?? "",
    ...(phoneNumberId ? { phoneNumberId } : {}),
    ...(conversationId ? { conversationId } : {}),
    createdAt: str(r.createdAt) ?? delivery.createdAt ?? new Date().toISOString(),
    direction,
    ...(media.length ? { media } : {}),
  };
}

/** The call an event is about (call.* events carry the call, or for artifacts its callId). */
export function callIdOf(delivery: Pick<Delivery, "resource">): string | undefined {
  const r = delivery.resource;
  return str(r.callId) ?? (str(r.id)?.startsWith("AC") ? str(r.id) : undefined);
}
