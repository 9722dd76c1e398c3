import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { identityDigest } from "./secrets/key-id.js";
import { createServices } from "./services.js";
import type { Services } from "./tools/define.js";

/** Who a request acts for: a Maton key and, optionally, the Maton connection to use. */
export interface Credentials {
  apiKey: string;
  connectionId?: string;
}

/** A held reference to one tenant's services; release it when the session or request ends. */
export interface TenantLease {
  services: Services;
  /** The tenant's identity as a hash of its key and connection: safe to compare, never logged. */
  id: string;
  /** The same hash as bytes, what each request of a session is compared with (tenantDigest). */
  digest: Buffer;
  release(): void;
}

interface Entry {
  services: Services;
  digest: Buffer;
  leases: number;
  lastUsed: number;
}

/** The hash that identifies a tenant. The key itself is never used as a map key or logged. */
export function tenantId(credentials: Credentials): string {
  return tenantDigest(credentials).toString("hex");
}

/** tenantId as bytes: the form a request's credentials are compared in, without a hex round trip. */
export function tenantDigest(credentials: Credentials): Buffer {
  return identityDigest(credentials.apiKey, credentials.connectionId);
}

/**
 * One Services object per Maton key (and connection): sessions of the same key share its
 * caches, name lookups and rate-limit budget; different keys never share anything. Entries no
 * session holds are dropped after `idleMs`, so a long-running multi-tenant server does not keep
 * every key it has ever seen.
 */
export class Tenants {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(credentials: Credentials): TenantLease {
    const digest = tenantDigest(credentials);
    const id = digest.toString("hex");
    let entry = this.entries.get(id);
    if (!entry) {
      // A tenant's config carries no other key: nothing downstream can reach the operator's.
      const config: Config = { ...this.config, apiKey: undefined, connectionId: credentials.connectionId ?? this.config.connectionId };
      entry = { services: createServices(config, credentials.apiKey, this.logger, config.connectionId), digest, leases: 0, lastUsed: this.now() };
      this.entries.set(id, entry);
    }
    entry.leases += 1;
    entry.lastUsed = this.now();
    const held = entry;
    let released = false;
    return {
      services: entry.services,
      id,
      digest: entry.digest,
      release: () => {
        if (released) return;
        released = true;
        held.leases -= 1;
        held.lastUsed = this.now();
      },
    };
  }

  /** Drops tenants that no session holds and that have been unused for the idle time. */
  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, entry] of this.entries) {
      if (entry.leases <= 0 && entry.lastUsed <= cutoff) {
        this.entries.delete(id);
        entry.services.dispose?.();
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
