import type { ServerResponse } from "node:http";
import { DISCOVER_METHOD, discoverRefusal } from "../protocol/era.js";

/**
 * Answers to the two requests a 2026-07-28 client sends an HTTP server before it knows the
 * server's era, given the way that specification tells an initialize-based server to answer,
 * so the client falls back to `initialize` at once and nothing is logged as a failure.
 */

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, { "content-type": "application/json", "content-length": String(data.length), "cache-control": "no-store", ...headers });
  res.end(data);
}

/**
 * `GET /mcp` without a session: there is no stream to open yet. 405 is what a client of any
 * era reads as "no standalone stream here" and moves on from without an error (a 400 makes
 * it report a failed stream).
 */
export function answerSessionlessGet(res: ServerResponse): void {
  send(
    res,
    405,
    {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32000, message: "Method not allowed: open a session with an initialize POST first; the stream then needs its Mcp-Session-Id" },
    },
    { allow: "POST" },
  );
}

/**
 * A POST without a session that holds no `initialize` but a `server/discover` request: a 400
 * whose body is the plain JSON-RPC "method not found" for that request's id, which the
 * specification classes as the answer of an initialize-based server. Returns false (and
 * answers nothing) for anything else.
 */
export function answerDiscoverProbe(messages: unknown[], res: ServerResponse): boolean {
  const probe = messages.find(
    (m): m is { id: string | number } => typeof m === "object" && m !== null && (m as { method?: unknown }).method === DISCOVER_METHOD && "id" in m,
  );
  if (!probe) return false;
  send(res, 400, { jsonrpc: "2.0", id: probe.id, error: discoverRefusal() });
  return true;
}
