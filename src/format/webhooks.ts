import { type QuoWebhook, webhookKind } from "../quo/webhooks.js";
import { compact, shortTime } from "./compact.js";

/**
 * A webhook without its signing key: the key is the person's secret, shown only when they ask
 * for it (`withKey`), e.g. on create, when their receiver needs it to verify deliveries.
 */
export function formatWebhook(w: QuoWebhook, options: { withKey?: boolean; verbose?: boolean } = {}) {
  return compact({
    id: w.id,
    kind: webhookKind(w.events),
    url: w.url,
    events: w.events,
    status: w.status,
    label: w.label,
    numbers: w.resourceIds,
    key: options.withKey ? w.key : undefined,
    ...(options.verbose ? { userId: w.userId, createdAt: shortTime(w.createdAt), updatedAt: shortTime(w.updatedAt) } : {}),
  });
}
