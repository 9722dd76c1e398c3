import type { Connection, Connections } from "./connections.js";
import { GatewayError } from "./errors.js";

/** What a person must do before Quo can be used: open `url` and approve. */
export interface AuthorizationNeeded {
  status: "authorization_required" | "authorization_failed";
  connectionId: string;
  url?: string;
  message: string;
}

export class AuthorizationRequiredError extends GatewayError {
  override name = "AuthorizationRequiredError";
  constructor(readonly needed: AuthorizationNeeded) {
    super(needed.message, "authorize");
  }
}

const oldestFirst = (a: Connection, b: Connection) => (a.creation_time ?? "").localeCompare(b.creation_time ?? "");

/**
 * Finds out why Quo is not usable and what the person can do: a PENDING connection's url,
 * a new connection when there is none, or the way out of a FAILED one. Returns undefined when
 * an ACTIVE connection exists after all (the gateway's refusal had another cause).
 */
export async function resolveAuthorization(
  connections: Connections,
  preferredId: string | undefined,
  signal?: AbortSignal,
): Promise<AuthorizationNeeded | undefined> {
  if (preferredId) {
    let chosen: Connection;
    try {
      chosen = await connections.get(preferredId, signal);
    } catch (error) {
      if (error instanceof GatewayError && error.details.status === 404) {
        throw new GatewayError(
          `The configured Maton connection ${preferredId} (MATON_CONNECTION) does not exist. Unset it, or pick an id from manage_connection with action "list".`,
          "ask_user",
        );
      }
      throw error;
    }
    return explain(chosen);
  }
  const all = (await connections.list(signal)).sort(oldestFirst);
  if (all.some((c) => c.status === "ACTIVE")) return undefined;
  const pending = all.find((c) => c.status === "PENDING" && c.url);
  if (pending) return explain(pending);
  const failed = all.find((c) => c.status === "FAILED");
  if (failed && all.length === 1) {
    // A failed grant cannot be retried; a fresh connection is the way out, so offer one now.
    const fresh = await connections.create(signal);
    const needed = explain(fresh);
    if (needed) needed.message += ` The earlier connection ${failed.connection_id} FAILED; delete it with manage_connection (action "delete") once the new one is ACTIVE.`;
    return needed;
  }
  return explain(await connections.create(signal));
}

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
