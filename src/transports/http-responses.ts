import type { IncomingMessage, ServerResponse } from "node:http";

/** A refusal answered with a JSON-RPC error body and an HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = -32000,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The client went away before its request arrived: there is no one left to answer. */
export class ClientGone extends Error {}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const data = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, { "content-type": "application/json", "content-length": String(data.length), "cache-control": "no-store", ...headers });
  res.end(data);
}

export function sendError(res: ServerResponse, status: number, message: string, code: number, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}

/** A header's value, trimmed; repeated headers are joined, so a list never passes as one value. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value.join(",") : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

export function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** The client's address, with IPv4-mapped IPv6 written as plain IPv4 so one client counts once. */
export function clientAddress(address: string | undefined): string {
  if (!address) return "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
