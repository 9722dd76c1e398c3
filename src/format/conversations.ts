import type { QuoConversation } from "../quo/conversations.js";
import { compact, shortTime } from "./compact.js";

/**
 * A conversation as the model needs it to pick one: who, which number (left out when the list
 * already states it), the last activity under `at`, as messages and calls state their time.
 * `verbose` adds the bookkeeping fields.
 */
export function formatConversation(c: QuoConversation, options: { numberStated?: boolean; verbose?: boolean } = {}) {
  return compact({
    id: c.id,
    participants: c.participants,
    name: c.name,
    phoneNumberId: options.numberStated ? undefined : c.phoneNumberId,
    at: shortTime(c.lastActivityAt),
    assignedTo: c.assignedTo,
    snoozedUntil: shortTime(c.snoozedUntil),
    ...(options.verbose
      ? {
          lastActivityId: c.lastActivityId,
          createdAt: shortTime(c.createdAt),
          updatedAt: shortTime(c.updatedAt),
          mutedUntil: shortTime(c.mutedUntil),
          deletedAt: shortTime(c.deletedAt),
        }
      : {}),
  });
}
