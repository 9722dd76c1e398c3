import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Config } from "../config.js";
import { type Credentials, tenantDigest } from "../tenants.js";
import { HttpError, header } from "./http-responses.js";

const KEY_HEADER = "x-maton-api-key";
const CONNECTION_HEADER = "x-maton-connection";

/** Whose Maton key a new session or a stateless request uses. */
export function credentialsOf(req: IncomingMessage, config: Config): Credentials {
  const key = header(req, KEY_HEADER);
  const connection = header(req, CONNECTION_HEADER);
  if (!config.multiTenant) {
    refuseClientKeys(key, connection);
    return { apiKey: config.apiKey as string, connectionId: config.connectionId };
  }
  if (key === undefined) throw new HttpError(400, "Bad Request: this server is multi-tenant: send your Maton API key in the X-Maton-Api-Key header");
  if (!/^[\x21-\x7e]{1,512}$/.test(key) || key.includes(",")) throw new HttpError(400, "Bad Request: X-Maton-Api-Key must hold exactly one Maton API key");
  if (connection !== undefined && !/^[\w.:-]{1,200}$/.test(connection)) {
    throw new HttpError(400, "Bad Request: X-Maton-Connection must be one Maton connection id");
  }
  return { apiKey: key, connectionId: connection };
}

/**
 * Checks, before anything runs, that a request on an existing session acts for the tenant the
 * session was opened for. In multi-tenant mode a session id alone proves nothing (it travels in
 * URLs and logs of proxies): every request must carry the same key and connection again.
 * Without a session to compare with, only the key's presence is checked; the caller answers 404.
 */
export function checkTenant(req: IncomingMessage, config: Config, sessionTenant: Buffer | undefined): void {
  const key = header(req, KEY_HEADER);
  const connection = header(req, CONNECTION_HEADER);
  if (!config.multiTenant) {
    refuseClientKeys(key, connection);
    return;
  }
  if (key === undefined) {
    throw new HttpError(401, "Unauthorized: this server is multi-tenant: every request of a session must send the X-Maton-Api-Key it started with");
  }
  if (sessionTenant === undefined) return;
  // Both sides are hashes of the same length, so the comparison takes the same time whatever was sent.
  // The session's digest is kept as bytes, so only the request's side is hashed here.
  if (!timingSafeEqual(tenantDigest({ apiKey: key, connectionId: connection }), sessionTenant)) {
    throw new HttpError(403, "Forbidden: a session keeps the Maton key and connection it started with; start a new session to use others");
  }
}

/** Without --multi-tenant a client's key would silently be replaced by the operator's: refuse it. */
function refuseClientKeys(key: string | undefined, connection: string | undefined): void {
  if (key !== undefined || connection !== undefined) {
    throw new HttpError(
      400,
      "Bad Request: this server uses its own Maton key and connection; X-Maton-Api-Key and X-Maton-Connection are accepted only with --multi-tenant",
    );
  }
}
