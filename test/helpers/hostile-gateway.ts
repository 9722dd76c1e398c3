import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A Maton gateway on loopback that tries every way of handing the caller's key back: whole,
 * re-cased, cut into pieces of 8 or more, split across fields, placed where an error's text is
 * cut, deep inside error bodies, and inside successful answers (a number's name, a message,
 * a transcript, a contact, a connection URL). It answers every route the tools use, so every
 * tool family meets it. `mode` picks a successful answer or one of the error shapes.
 */
export type HostileMode =
  | "success"
  /** Quo's documented error body, the key in every field and deeper. */
  | "quo-error"
  /** Quo's live `{error: {message, key, trace}}` shape. */
  | "quo-live-error"
  /** A Maton 500 whose body puts the key across the 300-character cut of error text. */
  | "cut-straddle"
  /** A proxy's HTML page (502) quoting the key, upper-cased. */
  | "html-page"
  /** A 401 whose body echoes the key in pieces. */
  | "unauthorized"
  /** A 200 that is HTML instead of JSON, quoting the key. */
  | "html-success"
  /** Maton's "no connection" 400 quoting the key, then connections whose URL carries it. */
  | "no-connection";

export const HOSTILE_MODES: HostileMode[] = [
  "success",
  "quo-error",
  "quo-live-error",
  "cut-straddle",
  "html-page",
  "unauthorized",
  "html-success",
  "no-connection",
];

export interface HostileGateway {
  url: string;
  mode: HostileMode;
  /** Requests that reached it, as "METHOD /path". */
  routes: string[];
  close(): Promise<void>;
}

/** The shapes the key is written in: every string field takes the next one in turn. */
export function keyShapes(key: string): string[] {
  const half = Math.floor(key.length / 2);
  return [
    key,
    key.toUpperCase(),
    key.toLowerCase(),
    `prefix-${key.slice(0, 8)}-suffix`,
    `${key.slice(key.length - 9)}`,
    `a ${key.slice(3, 13)} b`,
    `${key.slice(0, half)} ${key.slice(half)}`,
    `${key.slice(2, 10).toUpperCase()}${key.slice(10, 18).toLowerCase()}`,
    `Bearer ${key}`,
  ];
}

export async function startHostileGateway(key: string): Promise<HostileGateway> {
  const shapes = keyShapes(key);
  let turn = 0;
  const k = () => shapes[turn++ % shapes.length] as string;
  const routes: string[] = [];
  const state = { mode: "success" as HostileMode };
  const sockets = new Set<Socket>();
  const when = "2026-01-01T00:00:00.000Z";

  /** One record with every field any formatter reads, each string carrying the key. */
  const record = () => ({
    id: "AChostile0001",
    taskId: "TKhostile0001",
    number: "+15555550100",
    name: `Line ${k()}`,
    firstName: k(),
    lastName: k(),
    email: `${k()}@example.test`,
    role: "owner",
    users: [{ id: "UShostile0001", firstName: k(), lastName: k(), email: "ops@example.test", role: "owner" }],
    text: `Hello ${k()}`,
    direction: "incoming",
    from: "+15555550123",
    to: ["+15555550100"],
    // "missed" so list_missed_calls fetches the voicemail too.
    status: "missed",
    createdAt: when,
    updatedAt: when,
    phoneNumberId: "PNhostile0001",
    conversationId: "CNhostile0001",
    userId: "UShostile0001",
    participants: ["+15555550123"],
    duration: 12,
    answeredBy: k(),
    forwardedTo: k(),
    summary: [k(), k()],
    nextSteps: [k()],
    dialogue: [{ content: k(), start: 0, end: 1, identifier: "+15555550123", userId: null }],
    transcript: k(),
    recordingUrl: `https://files.example.test/${k()}.mp3`,
    url: `https://hooks.example.test/${k()}`,
    defaultFields: {
      firstName: k(),
      lastName: k(),
      company: k(),
      role: k(),
      emails: [{ name: k(), value: `${k()}@example.test`, id: "em-1" }],
      phoneNumbers: [{ name: k(), value: "+15555550123", id: "ph-1" }],
    },
    customFields: [{ name: k(), key: "cf_hostile", type: "string", value: k(), id: "cfv-1" }],
    externalId: k(),
    source: k(),
    sourceUrl: `https://crm.example.test/${k()}`,
    createdByUserId: "UShostile0001",
    title: k(),
    description: k(),
    completed: false,
    dueDate: null,
    assignedTo: null,
    revision: 1,
    events: ["message.received"],
    label: k(),
    resourceIds: ["PNhostile0001"],
    key: k(),
    lastActivityAt: when,
    snoozedUntil: null,
    type: "string",
    metadata: { deep: { deeper: [k(), { deepest: k() }] } },
  });

  const connection = () => ({
    connection_id: "conn-hostile-1",
    status: "PENDING",
    app: "quo",
    creation_time: when,
    url: `https://connect.maton.test/?session_token=${k()}&key=${k()}`,
    metadata: { note: k() },
  });

  function success(method: string, path: string): { status: number; json: unknown } {
    if (path === "/connections") {
      if (method === "POST") return { status: 200, json: { connection: connection() } };
      return { status: 200, json: { connections: [{ ...connection(), status: "ACTIVE" }, connection()] } };
    }
    if (path.startsWith("/connections/")) return method === "DELETE" ? { status: 200, json: {} } : { status: 200, json: { connection: connection() } };
    if (method === "DELETE") return { status: 204, json: undefined };
    if (/^\/v1\/conversations\/[^/]+\/[\w-]+$/.test(path)) return { status: 200, json: record() };
    const single =
      /^\/v1\/(phone-numbers|users|messages|calls|call-summaries|call-transcripts|call-voicemails|contacts|tasks|webhooks)\/[^/]+/.test(path) ||
      method !== "GET";
    const made = { ...record(), id: idFor(path) };
    if (single) return { status: method === "POST" ? 201 : 200, json: { data: made } };
    return { status: 200, json: { data: [made], totalItems: 1, nextPageToken: null } };
  }

  /** The control plane stays truthful in the error modes, so each error reaches the tool that caused it. */
  function answer(method: string, path: string): { status: number; json?: unknown; raw?: string; type?: string; retryAfter?: string } {
    const mode = state.mode;
    if (mode === "success" || (path.startsWith("/connections") && mode !== "no-connection")) return success(method, path);
    if (mode === "no-connection") {
      // Only PENDING connections: the tool answers with the URL to approve, which carries the key.
      if (path === "/connections" && method === "GET") return { status: 200, json: { connections: [connection()] } };
      if (path.startsWith("/connections")) return success(method, path);
      return { status: 400, json: { error: `No connection found for key ${k()}`, detail: { key: k() } } };
    }
    if (mode === "quo-error") {
      return {
        status: 422,
        json: {
          message: `Invalid request for ${k()}`,
          code: "0100422",
          status: 422,
          title: k(),
          trace: k(),
          docs: `https://docs.example.test/${k()}`,
          errors: [{ path: k(), message: k(), value: { nested: k() } }],
          context: { deep: { deeper: [k()] } },
        },
      };
    }
    if (mode === "quo-live-error") return { status: 404, json: { error: { message: `Not found: ${k()}`, key: k(), trace: k(), extra: { deep: k() } } } };
    if (mode === "cut-straddle") {
      // describeBody keeps 300 characters: the key starts a few characters before the cut.
      const lead = `{"error":"`.length;
      return { status: 500, raw: JSON.stringify({ error: `${"x".repeat(300 - lead - 10)}${key}${"y".repeat(20)}` }), type: "application/json" };
    }
    // A Retry-After past what the client waits for: reported at once, not retried for seconds.
    if (mode === "html-page")
      return {
        status: 502,
        retryAfter: "3600",
        raw: `<html><body><h1>502</h1><p>upstream said ${key.toUpperCase()}</p><p>${k()}</p></body></html>`,
        type: "text/html",
      };
    if (mode === "unauthorized") return { status: 401, json: { error: `key ${k()} refused`, hint: k() } };
    return { status: 200, raw: `<html><body>Welcome ${k()} ${key}</body></html>`, type: "text/html" };
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://hostile");
    const path = url.pathname.replace(/^\/quo(?=\/)/, "");
    const method = req.method ?? "GET";
    routes.push(`${method} ${path}`);
    req.resume();
    req.on("end", () => {
      const { status, json, raw, type, retryAfter } = answer(method, path);
      if (status === 204) return void res.writeHead(204).end();
      res
        .writeHead(status, { "content-type": type ?? "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) })
        .end(raw ?? JSON.stringify(json));
    });
  }

  const server: Server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: HostileMode) {
      state.mode = mode;
    },
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const prefixes: [string, string][] = [
  ["/v1/phone-numbers", "PN"],
  ["/v1/users", "US"],
  ["/v1/conversations", "CN"],
  ["/v1/webhooks", "WH"],
  ["/v1/tasks", "TK"],
  ["/v1/contacts", ""],
];

/** An id of the kind the path's resource has. */
function idFor(path: string): string {
  const prefix = prefixes.find(([p]) => path.startsWith(p))?.[1] ?? "AC";
  return `${prefix}hostile0001`;
}

/** Every piece of 8 characters of the key, lower-cased: finding any of these in output is a leak. */
export function keyPieces(key: string): string[] {
  return Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8).toLowerCase());
}

/** The pieces of the key found in a text, in any case. */
export function leaksIn(text: string, key: string): string[] {
  const lower = text.toLowerCase();
  return keyPieces(key).filter((piece) => lower.includes(piece));
}
