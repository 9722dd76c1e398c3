import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { AuthorizationNeeded } from "../errors.js";
import { GatewayError, isNotFound } from "../errors.js";
import type { Connection, Connections } from "../gateway/connections.js";
import type { Logger } from "../logger.js";

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Finds out why Quo is not usable and what the person can do: a PENDING connection's url,
 * a new connection when there is none, or the way out of a FAILED one. Returns undefined when
 * an ACTIVE connection exists after all (the gateway's refusal had another cause).
 */
export async function resolveAuthorization(
  connections: Connections,
  pinned: string | undefined,
  signal?: AbortSignal,
): Promise<AuthorizationNeeded | undefined> {
  let chosen: Awaited<ReturnType<Connections["choose"]>>;
  try {
    chosen = await connections.choose(pinned, signal);
  } catch (error) {
    if (pinned && isNotFound(error)) {
      throw new GatewayError(
        `The configured Maton connection ${pinned} (MATON_CONNECTION) does not exist. Unset it, or pick an id from manage_connection with action "list".`,
        "ask_user",
      );
    }
    throw error;
  }
  const needed = explain(chosen.connection);
  if (needed && chosen.failed) {
    needed.message += ` The earlier connection ${chosen.failed.connection_id} FAILED; delete it with manage_connection (action "delete") once the new one is ACTIVE.`;
  }
  return needed;
}

/** What the person must do about a connection that is not ACTIVE, or undefined when it is. */
export function explain(connection: Connection): AuthorizationNeeded | undefined {
  if (connection.status === "ACTIVE") return undefined;
  if (connection.status === "FAILED") {
    return {
      status: "authorization_failed",
      connectionId: connection.connection_id,
      message: `The Quo connection ${connection.connection_id} FAILED (the grant was refused or expired). Create a new one with manage_connection (action "create"), have the person open its url, then delete the failed one (action "delete").`,
    };
  }
  return {
    status: "authorization_required",
    connectionId: connection.connection_id,
    url: connection.url,
    message: `Quo is not authorized yet. Show the person this link and ask them to open it and approve access to Quo: ${connection.url}. When they say they are done, call the tool again.`,
  };
}

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
const AUTH_LIMIT_MS = 5 * 60_000;

/** Whether this call can ask its client to open the connect link. */
export function canAuthorizeInClient(channel: ClientChannel, needed: AuthorizationNeeded): boolean {
  return Boolean(channel.urlElicitation && channel.sendRequest && needed.status === "authorization_required" && needed.url);
}

/**
 * Asks the client to open the Maton connect link (URL-mode `elicitation/create`), then waits
 * for the connection to settle. Returns "active" when the original call can go ahead,
 * otherwise what to tell the person. The wait follows only the call's own signal (the
 * client's cancellation), never a shorter per-call deadline: approving in a browser takes
 * people minutes.
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
  const { signal } = channel;
  const elicitationId = process.getBuiltinModule("node:crypto").randomUUID();

  let action: string;
  try {
    // Loaded here, not above: this module is part of every tool call, and the SDK's protocol
    // schemas need not load for `quo-mcp call`, which speaks no MCP. Within a session they are loaded.
    const { ElicitResultSchema } = await import("@modelcontextprotocol/sdk/types.js");
    const answer = await channel.sendRequest!(
      {
        method: "elicitation/create",
        params: {
          mode: "url",
          elicitationId,
          url: needed.url!,
          message:
            "Quo is not connected yet. Open this Maton link and approve access to your Quo workspace; the request continues by itself once you have approved.",
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
  const connection = await connections.waitUntilSettled(needed.connectionId, {
    signal,
    pollMs,
    limitMs,
    now: options.now,
    onWait: async (elapsed, checks) => {
      if (progressToken === undefined) return;
      const message = `Waiting for Quo to be approved in the browser (${Math.round(elapsed / 1000)} s of ${Math.round(limitMs / 1000)} s)`;
      await notify(channel, { method: "notifications/progress", params: { progressToken, progress: checks, message } }, logger);
    },
  });
  if (connection.status === "ACTIVE") {
    await notify(channel, { method: "notifications/elicitation/complete", params: { elicitationId } }, logger);
    return "active";
  }
  if (connection.status === "FAILED") return explain(connection) ?? needed;
  return { ...needed, message: `Quo was not approved within ${Math.round(limitMs / 60_000)} minutes. ${needed.message}` };
}

async function notify(channel: ClientChannel, notification: ServerNotification, logger: Logger): Promise<void> {
  try {
    await channel.sendNotification?.(notification);
  } catch (error) {
    // A lost notification must not fail the call the person just authorized.
    logger.debug({ err: error }, "notification to the client failed");
  }
}
