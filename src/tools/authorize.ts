import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { ElicitResultSchema, type ServerNotification, type ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { type AuthorizationNeeded, explain } from "../gateway/authorization.js";
import type { Connections } from "../gateway/connections.js";
import type { Logger } from "../logger.js";

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * What a tool call needs from its client to authorize Quo in place: whether the client declared
 * URL-mode elicitation (MCP 2025-11-25), and the request's own channel back to it.
 */
export type ClientChannel = Pick<Extra, "signal"> &
  Partial<Pick<Extra, "sendRequest" | "sendNotification" | "_meta">> & {
    /** The client declared `elicitation: { url: {} }`. */
    urlElicitation?: boolean;
  };

export interface AuthorizeOptions {
  /** How often the connection is checked once the person has the link. */
  pollMs?: number;
  /** How long the person has to approve. */
  limitMs?: number;
  now?: () => number;
}

export const AUTH_POLL_MS = 2_000;
export const AUTH_LIMIT_MS = 5 * 60_000;

/** Whether this call can ask its client to open the connect link. */
export function canAuthorizeInClient(channel: ClientChannel, needed: AuthorizationNeeded): boolean {
  return Boolean(channel.urlElicitation && channel.sendRequest && needed.status === "authorization_required" && needed.url);
}

/**
 * Asks the client to open the Maton connect link (URL-mode `elicitation/create`), then checks the
 * connection right away and every `pollMs` until it is ACTIVE, FAILED, the limit passes or the
 * call is cancelled. Returns "active" when the original call can go ahead, otherwise what to tell
 * the person. The wait follows only the call's own signal (the client's cancellation), never a
 * shorter per-call deadline: approving in a browser takes people minutes.
 */
export async function authorizeInClient(
  needed: AuthorizationNeeded,
  connections: Connections,
  channel: ClientChannel,
  logger: Logger,
  options: AuthorizeOptions = {},
): Promise<"active" | AuthorizationNeeded> {
  const pollMs = options.pollMs ?? AUTH_POLL_MS;
  const limitMs = options.limitMs ?? AUTH_LIMIT_MS;
  const now = options.now ?? Date.now;
  const { signal } = channel;
  const elicitationId = randomUUID();
  const started = now();

  let action: string;
  try {
    const answer = await channel.sendRequest!(
      {
        method: "elicitation/create",
        params: {
          mode: "url",
          elicitationId,
          url: needed.url!,
          message: "Quo is not connected yet. Open this Maton link and approve access to your Quo workspace; the request continues by itself once you have approved.",
        },
      },
      ElicitResultSchema,
      { signal, timeout: limitMs },
    );
    action = answer.action;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // A client that declared the capability but failed the request: fall back to the link.
    logger.warn({ err: error }, "URL elicitation failed; returning the connect link instead");
    return needed;
  }
  if (action !== "accept") {
    return { ...needed, message: `The person ${action === "decline" ? "declined" : "dismissed"} the request to open the Quo connect link. ${needed.message}` };
  }

  const progressToken = channel._meta?.progressToken;
  for (let attempt = 0; ; attempt += 1) {
    const connection = await connections.get(needed.connectionId, signal);
    if (connection.status === "ACTIVE") {
      await notify(channel, { method: "notifications/elicitation/complete", params: { elicitationId } }, logger);
      return "active";
    }
    if (connection.status === "FAILED") return explain(connection) ?? needed;
    const elapsed = now() - started;
    if (elapsed + pollMs > limitMs) {
      return {
        ...needed,
        message: `Quo was not approved within ${Math.round(limitMs / 60_000)} minutes. ${needed.message}`,
      };
    }
    if (progressToken !== undefined) {
      await notify(
        channel,
        {
          method: "notifications/progress",
          params: { progressToken, progress: attempt + 1, message: `Waiting for Quo to be approved in the browser (${Math.round(elapsed / 1000)} s of ${Math.round(limitMs / 1000)} s)` },
        },
        logger,
      );
    }
    // Stops at once when the client cancels the call, with the cancellation as the reason.
    await sleep(pollMs, undefined, { signal }).catch((error: unknown) => {
      throw signal.aborted ? signal.reason : error;
    });
  }
}

async function notify(channel: ClientChannel, notification: ServerNotification, logger: Logger): Promise<void> {
  try {
    await channel.sendNotification?.(notification);
  } catch (error) {
    // A lost notification must not fail the call the person just authorized.
    logger.debug({ err: error }, "notification to the client failed");
  }
}
