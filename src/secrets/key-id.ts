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
