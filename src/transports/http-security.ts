import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Hostnames that always mean "this machine". IPv6 literals are kept in their bracketed Host form. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Whether binding to this address keeps the server reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/** Whether the address listens on every interface, so any Host name may reach it. */
function isWildcardHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** The hostname of a Host header, without its port, lower-cased; IPv6 stays in brackets. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(0, value.indexOf("]") + 1);
  return value.replace(/:\d*$/, "");
}

export interface OriginPolicyOptions {
  /** The address the server is bound to. */
  host: string;
  /** Extra Host names to accept (hostnames, ports ignored). */
  allowedHosts?: string[];
  /** Extra Origins to accept, exactly as browsers send them (`https://app.example.com`), or `*`. */
  allowedOrigins?: string[];
}

/**
 * DNS-rebinding protection: a web page can make a browser talk to a local server under a
 * hostile name, so the Host header must name this server, and a browser's Origin must be one
 * the operator allowed. Requests without an Origin come from non-browser clients and pass.
 */
export class OriginPolicy {
  private readonly hosts: Set<string> | undefined;
  private readonly origins: Set<string>;
  private readonly anyOrigin: boolean;

  constructor(options: OriginPolicyOptions) {
    const extraHosts = (options.allowedHosts ?? []).map(hostnameOf);
    const bound = options.host.includes(":") && !options.host.startsWith("[") ? `[${options.host}]` : options.host;
    // On a wildcard bind the server answers to whatever names point at it (a container, a load
    // balancer): the Host check then applies only when the operator lists the names.
    this.hosts =
      isWildcardHost(options.host) && extraHosts.length === 0
        ? undefined
        : new Set([...LOOPBACK_NAMES, ...(isWildcardHost(options.host) ? [] : [bound.toLowerCase()]), ...extraHosts]);
    this.origins = new Set((options.allowedOrigins ?? []).filter((o) => o !== "*").map((o) => o.replace(/\/+$/, "").toLowerCase()));
    this.anyOrigin = (options.allowedOrigins ?? []).includes("*");
  }

  /** Why the request is refused (answered 403), or undefined when it may proceed. */
  check(req: IncomingMessage): string | undefined {
    const host = req.headers.host;
    if (this.hosts) {
      if (!host) return "the Host header is missing";
      if (!this.hosts.has(hostnameOf(host))) return `the Host "${host.slice(0, 100)}" is not allowed (see --allowed-hosts)`;
    }
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (this.anyOrigin || this.originAllowed(origin)) return undefined;
    return `the Origin "${origin.slice(0, 100)}" is not allowed (see --allowed-origins)`;
  }

  private originAllowed(origin: string): boolean {
    const normalized = origin.trim().replace(/\/+$/, "").toLowerCase();
    if (this.origins.has(normalized)) return true;
    let url: URL;
    try {
      url = new URL(normalized);
    } catch {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return LOOPBACK_NAMES.includes(url.hostname);
  }
}

/**
 * Checks `Authorization: Bearer <token>` against the configured token. Both sides are hashed
 * first so the comparison takes the same time whatever the length or content of the guess.
 */
export class BearerCheck {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = createHash("sha256").update(token).digest();
  }

  accepts(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (typeof header !== "string") return false;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) return false;
    const given = createHash("sha256").update(match[1]!).digest();
    return timingSafeEqual(given, this.expected);
  }
}
