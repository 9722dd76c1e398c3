// An in-memory stand-in for the Maton gateway + Maton control plane + Quo v1, served over
// real HTTP on loopback so clients exercise their actual network code:
//   {url}/quo/v1/...        gateway plane (Quo v1 behind Maton's auth and connection choice)
//   {url}/connections...    control plane
//   {url}/connect?session_token=...  the page a person opens to activate a PENDING connection
//   {url}/sandbox/events    inject an inbound text or a call event (see inbound.ts)
// Sending to one of FAULT_NUMBERS (see quo-routes/messages.ts) provokes Quo's 402 / 400 A2P /
// 403 / live-shaped 500 answers, so error handling can be tested without a broken account.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleConnect, handleControl, type Session } from "./control-plane.js";
import { MATON, quoErrorBody } from "./errors.js";
import { sandboxEvent } from "./inbound.js";
import { MEDIA_PATH, mediaFile } from "./media.js";
import { quoRouter } from "./quo-routes/index.js";
import { SandboxWorkspace } from "./workspace.js";

export { FAULT_NUMBERS } from "./quo-routes/messages.js";
export { SEED } from "./seed.js";
export type * from "./types.js";
export { SandboxWorkspace } from "./workspace.js";

export interface SandboxOptions {
  host?: string;
  port?: number;
  /** true (default): each new workspace starts with one ACTIVE quo connection; false: none. */
  authorized?: boolean;
  /** Which Maton keys are valid; default: any non-empty key. */
  acceptKey?: (key: string) => boolean;
  /** Called once per HTTP request, after the response is sent. */
  onExchange?: (exchange: SandboxExchange) => void;
  now?: () => Date;
}

export interface SandboxExchange {
  plane: "gateway" | "control" | "connect" | "other";
  method: string;
  path: string;
  search: string;
  headers: Record<string, string | string[] | undefined>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  operationId?: string;
  key?: string;
}

export interface Sandbox {
  url: string;
  workspace(key: string): SandboxWorkspace;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  /** A media file (audio, picture). */
  file?: { type: string; bytes: Buffer };
  operationId?: string;
  key?: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? (() => new Date());
  const acceptKey = options.acceptKey ?? ((key: string) => key.length > 0);
  const authorized = options.authorized ?? true;
  const seedTime = now();
  const workspaces = new Map<string, SandboxWorkspace>();
  const sessions = new Map<string, Session>();
  const router = quoRouter();
  let baseUrl = "";

  const workspace = (key: string): SandboxWorkspace => {
    let ws = workspaces.get(key);
    if (!ws) {
      ws = new SandboxWorkspace({
        baseUrl,
        now,
        seedTime,
        registerSession: (token, w, connection) => sessions.set(token, { workspace: w, connection }),
      });
      if (authorized) {
        const c = ws.addConnection("ACTIVE");
        // Older than anything a test adds, so it stays the default connection.
        c.creation_time = c.last_updated_time = new Date(seedTime.getTime() - 86_400_000).toISOString();
      }
      workspaces.set(key, ws);
    }
    return ws;
  };

  const gateway = (req: IncomingMessage, pathname: string, query: URLSearchParams, raw: Buffer | "too-large"): Reply => {
    const ua = req.headers["user-agent"];
    if (typeof ua !== "string" || ua.trim() === "") return { status: MATON.noUserAgent.status, json: MATON.noUserAgent.body };
    const key = bearer(req);
    if (key === undefined || !acceptKey(key)) return { status: MATON.unauthorized.status, json: MATON.unauthorized.body, ...(key ? { key } : {}) };
    const ws = workspace(key);
    const requested = req.headers["maton-connection"];
    if (!ws.pickConnection(typeof requested === "string" ? requested.trim() : undefined)) {
      return { status: MATON.noConnection.status, json: MATON.noConnection.body, key };
    }
    if (raw === "too-large") return { status: MATON.tooLarge.status, json: MATON.tooLarge.body, key };
    const quoPath = pathname.slice("/quo".length);
    const matched = router.match(req.method ?? "GET", quoPath);
    if (!matched) {
      return { status: 404, json: quoErrorBody(404, { message: `Cannot ${req.method} ${quoPath}` }, "00"), key };
    }
    const operationId = matched.route.operationId;
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        const json = quoErrorBody(
          400,
          { message: "Request body is not valid JSON", errors: [{ path: "/", message: "Invalid JSON", schema: { type: "object" } }] },
          matched.route.resource,
        );
        return { status: 400, json, operationId, key };
      }
    }
    const res = router.run(matched, { ws, query, body, headers: req.headers });
    return { status: res.status, json: res.body, operationId, key };
  };

  const control = (req: IncomingMessage, pathname: string, query: URLSearchParams, raw: Buffer | "too-large"): Reply => {
    const key = bearer(req);
    if (key === undefined || !acceptKey(key)) return { status: MATON.unauthorized.status, json: MATON.unauthorized.body, ...(key ? { key } : {}) };
    if (raw === "too-large") return { status: MATON.tooLarge.status, json: MATON.tooLarge.body, key };
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return { status: MATON.badJson.status, json: MATON.badJson.body, key };
      }
    }
    const res = handleControl(workspace(key), req.method ?? "GET", pathname, query, body);
    return { status: res.status, json: res.body, key };
  };

  const sandboxControl = (req: IncomingMessage, raw: Buffer | "too-large"): Reply => {
    const key = bearer(req);
    if (key === undefined || !acceptKey(key)) return { status: MATON.unauthorized.status, json: MATON.unauthorized.body };
    if (raw === "too-large") return { status: MATON.tooLarge.status, json: MATON.tooLarge.body, key };
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
    } catch {
      return { status: MATON.badJson.status, json: MATON.badJson.body, key };
    }
    const answer = sandboxEvent(workspace(key), body);
    return { status: answer.status, json: answer.json, key };
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const raw: Buffer | "too-large" = size > MAX_BODY ? "too-large" : Buffer.concat(chunks);
      handle(req, res, raw);
    });
  });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer | "too-large") => {
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const pathname = q < 0 ? target : target.slice(0, q);
    const search = q < 0 ? "" : target.slice(q);
    const query = new URLSearchParams(search);
    let plane: SandboxExchange["plane"] = "other";
    let reply: Reply;
    try {
      if (pathname.startsWith("/quo/")) {
        plane = "gateway";
        reply = gateway(req, pathname, query, raw);
      } else if (pathname === "/connections" || pathname.startsWith("/connections/")) {
        plane = "control";
        reply = control(req, pathname, query, raw);
      } else if (pathname === "/sandbox/events" && req.method === "POST") {
        reply = sandboxControl(req, raw);
      } else if ((pathname === "/connect" || pathname === "/connect/") && req.method === "GET") {
        plane = "connect";
        const page = handleConnect(sessions, query, now);
        reply = { status: page.status, html: page.html };
      } else if (pathname.startsWith(MEDIA_PATH) && (req.method === "GET" || req.method === "HEAD") && mediaFile(pathname)) {
        reply = { status: 200, file: mediaFile(pathname) };
      } else {
        reply = { status: MATON.notFound.status, json: MATON.notFound.body };
      }
    } catch (err) {
      reply = { status: 500, json: { error: err instanceof Error ? err.message : "Internal error" } };
    }
    send(res, reply);
    if (options.onExchange) {
      const onExchange = options.onExchange;
      res.once("finish", () => {
        let requestBody: unknown;
        if (raw !== "too-large" && raw.length > 0) {
          try {
            requestBody = JSON.parse(raw.toString("utf8"));
          } catch {
            requestBody = undefined;
          }
        }
        const exchange: SandboxExchange = {
          plane,
          method: req.method ?? "GET",
          path: pathname,
          search,
          headers: req.headers,
          requestBody,
          status: reply.status,
          responseBody: reply.json,
        };
        if (reply.operationId !== undefined) exchange.operationId = reply.operationId;
        if (reply.key !== undefined) exchange.key = reply.key;
        try {
          onExchange(exchange);
        } catch {
          // A throwing observer must not take the server down.
        }
      });
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    workspace,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1]!.trim() : undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.file) {
    // Views in a host's sandboxed frame load these cross-origin.
    res.writeHead(reply.status, {
      "content-type": reply.file.type,
      "content-length": reply.file.bytes.length,
      "access-control-allow-origin": "*",
      "cache-control": "max-age=3600",
    });
    res.end(reply.file.bytes);
    return;
  }
  if (reply.html !== undefined) {
    const html = Buffer.from(reply.html, "utf8");
    res.writeHead(reply.status, { "content-type": "text/html; charset=utf-8", "content-length": html.length });
    res.end(html);
    return;
  }
  if (reply.status === 204 || reply.json === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const json = Buffer.from(JSON.stringify(reply.json), "utf8");
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": json.length });
  res.end(json);
}
