// Maton's control plane (connections) and the connect page a person opens to grant OAuth.
// Bodies follow Maton's documented shapes: {"connections": [...]} and {"connection": {...}}.
import { MATON } from "./errors.js";
import type { Connection } from "./types.js";
import type { SandboxWorkspace } from "./workspace.js";

export interface PlainResponse {
  status: number;
  body?: unknown;
}

export function handleControl(ws: SandboxWorkspace, method: string, pathname: string, query: URLSearchParams, body: unknown): PlainResponse {
  const parts = pathname.split("/").filter((p) => p !== "");
  if (parts.length === 1) {
    if (method === "GET") {
      const app = query.get("app");
      const status = query.get("status");
      const connections = ws.connections.filter((c) => (app === null || c.app === app) && (status === null || c.status === status));
      return { status: 200, body: { connections } };
    }
    if (method === "POST") {
      const app = body !== null && typeof body === "object" ? (body as Record<string, unknown>).app : undefined;
      if (typeof app !== "string" || app === "") return { status: 400, body: { error: "app is required" } };
      return { status: 201, body: { connection: ws.addConnection("PENDING", app) } };
    }
    return MATON.notFound;
  }
  if (parts.length === 2) {
    const id = decodeSafe(parts[1]!);
    const index = ws.connections.findIndex((c) => c.connection_id === id);
    if (index < 0) return MATON.connectionNotFound;
    if (method === "GET") return { status: 200, body: { connection: ws.connections[index] } };
    if (method === "DELETE") {
      ws.connections.splice(index, 1);
      return { status: 200, body: {} };
    }
  }
  return MATON.notFound;
}

export interface Session {
  workspace: SandboxWorkspace;
  connection: Connection;
}

/** `GET /connect?session_token=`: what a browser shows after the OAuth grant. */
export function handleConnect(sessions: Map<string, Session>, query: URLSearchParams, now: () => Date): { status: number; html: string } {
  const token = query.get("session_token") ?? "";
  const session = sessions.get(token);
  if (!session?.workspace.connections.includes(session.connection)) {
    return { status: 404, html: page("Link not found", "This connection link is unknown or has expired.") };
  }
  const c = session.connection;
  if (c.status !== "ACTIVE") {
    c.status = "ACTIVE";
    c.last_updated_time = now().toISOString();
  }
  return { status: 200, html: page("Quo connected", "Quo is connected. You can close this tab.") };
}

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><p>${text}</p></body></html>`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
