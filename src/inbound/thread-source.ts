import type { Services } from "../tools/define.js";
import { type InboundMessage, messageOf } from "./events.js";
import type { PollSource } from "./poller.js";

/** How many of a thread's newest messages one poll reads: more than a burst, little enough to be cheap. */
export const POLL_PAGE = 10;

/** A Quo v1 message (or any event resource) as a wait sees it. */
export function inboundOf(resource: unknown): InboundMessage | undefined {
  return messageOf({ type: "", resource: resource as Record<string, unknown> });
}

/**
 * Reads a thread's newest messages for its poller: through the key's poll pace first (a third
 * of the budget), then the key's own limiter like every request.
 */
export function threadSource(services: Pick<Services, "quo" | "inbound">, phoneNumberId: string, participants: string[]): PollSource {
  const pace = services.inbound?.pollPace;
  return {
    async read(signal) {
      await pace?.acquire(signal);
      const page = await services.quo.messages.list({ phoneNumberId, participants, maxResults: POLL_PAGE }, signal);
      return page.data.map(inboundOf).filter((m): m is InboundMessage => Boolean(m));
    },
  };
}
