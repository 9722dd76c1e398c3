import type { QuoMessage } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";
import { visible } from "./visible.js";

/**
 * The text under its direction, `in` (received) or `out` (sent): one key says both, where
 * `dir` and `text` cost a second key on every message. An empty text stays as "" so the
 * direction is never lost (compact() would drop it), which is why this sits outside compact().
 */
function said(m: QuoMessage): { in: string } | { out: string } {
  const text = visible(m.text ?? "");
  return m.direction === "incoming" ? { in: text } : { out: text };
}

/**
 * A message inside a thread whose number and participants are stated once, above the list.
 * `from` is only needed when several people can be the sender (group threads). `status` is
 * stated only when it is not the direction's normal end state (delivered out, received in):
 * in a busy thread that is most messages, and the model only needs to notice the exceptions
 * (queued, sent, undelivered). Nothing is lost: no status means delivered or received.
 * The id comes only with `verbose`: no tool acts on a message, and reading a thread is about
 * what was said; a message's id was a third of what a thread cost to read.
 */
export function formatThreadMessage(m: QuoMessage, group: boolean, verbose = false) {
  const incoming = m.direction === "incoming";
  const usual = incoming ? m.status === "received" : m.status === "delivered";
  return {
    ...(verbose ? { id: m.id } : {}),
    ...said(m),
    ...compact({
      from: incoming && group ? m.from : undefined,
      status: usual ? undefined : m.status,
      at: shortTime(m.createdAt),
    }),
  };
}

/** A message on its own, with everything needed to place it. */
export function formatMessage(m: QuoMessage) {
  return {
    id: m.id,
    ...said(m),
    ...compact({
      from: m.from,
      to: m.to,
      status: m.status,
      at: shortTime(m.createdAt),
      phoneNumberId: m.phoneNumberId,
      conversationId: m.conversationId,
      userId: m.userId,
    }),
  };
}
