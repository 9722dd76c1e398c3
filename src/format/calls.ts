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

/** Whether a call ended its duration after it was answered, as answered calls do: then its end says nothing new. */
function endsAsAnswered(c: QuoCall): boolean {
  if (!c.answeredAt || !c.completedAt) return false;
  return Math.abs(Date.parse(c.completedAt) - Date.parse(c.answeredAt) - c.duration * 1000) < 1000;
}

/** A call on its own; `completedAt` only when it is not `answeredAt` plus `duration`. */
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
    completedAt: endsAsAnswered(c) ? undefined : shortTime(c.completedAt),
    answeredBy: c.answeredBy,
    forwardedTo: c.forwardedTo,
    forwardedFrom: c.forwardedFrom,
    aiHandled: c.aiHandled,
  });
}
