/**
 * How quo-mcp answers a client of the 2026-07-28 protocol, which probes with `server/discover`
 * before (or instead of) `initialize`. quo-mcp speaks the initialize-based versions up to
 * 2025-11-25, so it answers the probe the way that specification expects of such a server: a
 * plain JSON-RPC "method not found" (no modern error code, which would keep the client modern),
 * at once, so the client falls back to `initialize` without waiting out a timeout.
 *
 * Kept free of the SDK and zod: the stdio fast start answers the probe before either loads.
 */
export const DISCOVER_METHOD = "server/discover";

const METHOD_NOT_FOUND = -32601;

const discoverRefusalMessage = "Method not found: server/discover. This server speaks MCP up to 2025-11-25: start the session with initialize.";

/** The error object of the answer to a `server/discover` request. */
export function discoverRefusal(): { code: number; message: string } {
  return { code: METHOD_NOT_FOUND, message: discoverRefusalMessage };
}
