import type { QuoCall } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";

/** A call inside a list whose number and participant are stated once, above the list. */
export function formatListedCall(c: QuoCall) {
  return compact({
    id: c.id,
    dir: c.direction === "incoming" ? "in" : "out",
    status: c.status,
    duration: c.duration,
    at: shortTime(c.createdAt),
    userId: c.userId,
  });
}

/** A call on its own. */
export function formatCall(c: QuoCall) {
  return compact({
    id: c.id,
    dir: c.direction === "incoming" ? "in" : "out",
    status: c.status,
    participants: c.participants,
    phoneNumberId: c.phoneNumberId,
    userId: c.userId,
    duration: c.duration,
    at: shortTime(c.createdAt),
    answeredAt: shortTime(c.answeredAt),
    completedAt: shortTime(c.completedAt),
    answeredBy: c.answeredBy,
    forwardedTo: c.forwardedTo,
    forwardedFrom: c.forwardedFrom,
    aiHandled: c.aiHandled,
  });
}
