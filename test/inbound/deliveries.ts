import { randomBytes } from "node:crypto";
import { signLegacy, signStandard } from "../../src/inbound/signatures.js";

/** A message.received event in the new system's envelope. */
export function newEnvelope(message: { from: string; to: string; phoneNumberId: string; text: string }, type = "message.received") {
  const id = `EV${randomBytes(8).toString("hex")}`;
  const createdAt = new Date().toISOString();
  return {
    id,
    apiVersion: "2026-03-30",
    createdAt,
    type,
    data: {
      resource: { id: `AC${randomBytes(8).toString("hex")}`, from: message.from, to: [message.to], text: message.text, direction: "incoming", createdAt },
      context: { phoneNumber: { id: message.phoneNumberId, number: message.to }, conversation: { id: "CNpush" } },
      links: { quo: null },
    },
  };
}

/** The same in the legacy envelope (v1 objects inside `data.object`). */
export function legacyEnvelope(message: { from: string; to: string; phoneNumberId: string; text: string }) {
  const createdAt = new Date().toISOString();
  return {
    id: `EV${randomBytes(8).toString("hex")}`,
    object: "event",
    apiVersion: "v4",
    createdAt,
    type: "message.received",
    data: {
      object: {
        id: `AC${randomBytes(8).toString("hex")}`,
        object: "message",
        from: message.from,
        to: [message.to],
        direction: "incoming",
        text: message.text,
        phoneNumberId: message.phoneNumberId,
        conversationId: "CNlegacy",
        createdAt,
      },
    },
  };
}

export interface Posted {
  status: number;
  body: string;
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<Posted> {
  const res = await fetch(url, {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
    headers: { "content-type": "application/json", ...headers },
  });
  return { status: res.status, body: await res.text() };
}

/** Delivers a body signed the Standard Webhooks way (webhook-id defaults to the event id). */
export function deliverStandard(url: string, secret: string, event: { id: string }, options: { at?: Date; id?: string } = {}): Promise<Posted> {
  const body = JSON.stringify(event);
  return post(url, body, signStandard(secret, options.id ?? event.id, body, options.at));
}

export function deliverLegacy(url: string, key: string, event: unknown, atMs?: number): Promise<Posted> {
  const body = JSON.stringify(event);
  return post(url, body, { "openphone-signature": signLegacy(key, body, atMs) });
}
