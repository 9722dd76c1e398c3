import { hash } from "fast-sha256";

/**
 * The id a Maton key is known by in the process's registries (its rate limiter, its polling
 * pace): the SHA-256 of the key, in hex, so the key itself is never a map key. Hashed in
 * JavaScript rather than with node:crypto, which a stdio server would otherwise load before its
 * first call only for this (2.8 ms and 0.7 MB, npm run bench figures 1 and 4).
 */
export function keyId(apiKey: string): string {
  return Buffer.from(hash(Buffer.from(apiKey, "utf8"))).toString("hex");
}

/**
 * The identity of a Maton key with the connection it acts through: the SHA-256 of both, as
 * bytes. Multi-tenant HTTP compares every request's with its session's (src/tenants.ts) and
 * tags the tenant's inbound events with it (src/inbound/tenant.ts). The one-shot hash of
 * node:crypto, loaded here rather than imported, since a stdio server never reaches it.
 */
export function identityDigest(apiKey: string, connectionId: string | undefined): Buffer {
  return process.getBuiltinModule("node:crypto").hash("sha256", `${apiKey}\0${connectionId ?? ""}`, "buffer");
}
