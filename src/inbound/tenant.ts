import type { Config } from "../config.js";
import { RateLimiter } from "../gateway/limiter.js";
import { identityDigest, keyId } from "../secrets/key-id.js";

/**
 * How an inbound event is tied to the sessions that may hear it.
 *
 * A single-tenant server has one key: every event is its own ("self").
 *
 * A multi-tenant server serves many keys, and each tenant registers its own Quo webhook. The
 * delivery URL carries a tenant token, `?tenant=<token>`, where the token is an HMAC of the
 * tenant's identity (the hash of its Maton key and connection) under the operator's
 * QUO_MCP_WEBHOOK_TENANT_KEY. A session computes the same token from its own key, and events
 * are matched by it: the receiver never needs the tenant's key, the token reveals nothing of it,
 * and nobody can make the token of another tenant without the operator's key. Events carry
 * the token over the bus, so the match holds on every replica.
 */
export const SELF = "self";

/** The identity of a Maton key and connection, in hex: the tenant id of src/tenants.ts. */
export function tenantIdentity(apiKey: string, connectionId: string | undefined): string {
  return identityDigest(apiKey, connectionId).toString("hex");
}

/** The token in a tenant's webhook URL. */
export function webhookToken(tenantKey: string, identity: string): string {
  // node:crypto is loaded where it is used: a stdio server reaches this module before its first
  // call and needs none of it (see secrets/key-id.ts).
  return process.getBuiltinModule("node:crypto").createHmac("sha256", tenantKey).update(`quo-mcp webhook tenant\0${identity}`).digest("base64url").slice(0, 32);
}

/** The tag a session's waits listen for. */
export function tenantTag(config: Pick<Config, "multiTenant" | "webhookTenantKey">, apiKey: string, connectionId: string | undefined): string {
  if (!config.multiTenant) return SELF;
  const identity = tenantIdentity(apiKey, connectionId);
  return config.webhookTenantKey ? webhookToken(config.webhookTenantKey, identity) : `id:${identity}`;
}

/**
 * Polling's share of a key's rate budget: a third, so that however many threads are watched,
 * two thirds stay for the calls people make meanwhile. Every poll passes this pace and then the
 * key's own limiter, so polls count against both.
 */
const paces = new Map<string, { pace: RateLimiter; holders: number }>();

const POLL_SHARE = 1 / 3;

export function pollPaceFor(apiKey: string, rate: number): { pace: RateLimiter; release(): void } {
  const id = keyId(apiKey);
  let entry = paces.get(id);
  if (!entry) {
    entry = { pace: new RateLimiter({ rate: rate * POLL_SHARE, burst: 1 }), holders: 0 };
    paces.set(id, entry);
  }
  entry.holders += 1;
  const held = entry;
  let released = false;
  return {
    pace: held.pace,
    release() {
      if (released) return;
      released = true;
      if (--held.holders <= 0 && paces.get(id) === held) paces.delete(id);
    },
  };
}
