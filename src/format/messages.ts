import type { QuoMessage } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";

/**
 * A message inside a thread whose number and participants are stated once, above the list.
 * `from` is only needed when several people can be the sender (group threads).
 */
export function formatThreadMessage(m: QuoMessage, group: boolean) {
  const incoming = m.direction === "incoming";
  return compact({
    id: m.id,
    dir: incoming ? "in" : "out",
    from: incoming && group ? m.from : undefined,
    text: m.text,
    status: m.status,
    at: shortTime(m.createdAt),
  });
}

/** A message on its own, with everything needed to place it. */
export function formatMessage(m: QuoMessage) {
  return compact({
    id: m.id,
    dir: m.direction === "incoming" ? "in" : "out",
    from: m.from,
    to: m.to,
    text: m.text,
    status: m.status,
    at: shortTime(m.createdAt),
    phoneNumberId: m.phoneNumberId,
    conversationId: m.conversationId,
    userId: m.userId,
  });
}
