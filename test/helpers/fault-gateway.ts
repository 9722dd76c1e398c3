import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

/**
 * A misbehaving Maton gateway on loopback, for resilience tests. It answers a small slice of
 * Quo (phone numbers, users, messages) and the control plane correctly, unless a fault is
 * queued for the route, and records every request that reached it. Separate from the sandbox
 * on purpose: the sandbox is a faithful simulator, this is a saboteur.
 */
export type Fault =
  /** Any status, with an optional Retry-After header, body and content type. */
  | { kind: "status"; status: number; retryAfter?: string; body?: string; contentType?: string }
  /** Destroys the socket as soon as the request line and headers arrive, before reading a byte of the body. */
  | { kind: "reset-before-body" }
  /** Reads the whole request, then destroys the socket without answering. */
  | { kind: "reset-after-body" }
  /** Waits `ms` before answering normally. */
  | { kind: "slow-headers"; ms: number }
  /** Never answers; the request stays open until the client gives up. */
  | { kind: "hang" }
  /** Sends headers promising a body, half of it, then destroys the socket. */
  | { kind: "cut-body"; status?: number }
  /** A JSON content type over text that is not JSON. */
  | { kind: "malformed-json"; status?: number }
  /** An HTML error page, as a proxy in front of the gateway sends. */
  | { kind: "html"; status: number }
  /** The normal answer, labelled text/plain. */
  | { kind: "wrong-content-type" }
  /** A JSON body larger than the client accepts. */
  | { kind: "huge-body"; bytes: number; status?: number }
  /** An error page that quotes the request's Authorization header back. */
  | { kind: "echo-key"; status: number; contentType: string };

export interface Arrival {
  method: string;
  /** Path with the /quo prefix removed, without the query. */
  path: string;
  /** performance.now() when the request reached the fake. */
  at: number;
  fault?: Fault["kind"];
  /** The request body, when it was read. */
  body?: string;
  /** The client closed the connection before the fake answered (a cancelled request). */
  closedByClient: boolean;
  /** The fake answered 429 because the client went over its rate. */
  rateLimited: boolean;
  /** The Authorization header (test keys only), to tell tenants apart. */
  authorization?: string;
}

export interface FaultGateway {
  url: string;
  port: number;
  arrivals: Arrival[];
  /** Queues faults for a route such as "GET /v1/phone-numbers" or "POST /v1/messages": one per request, then normal answers. */
  fail(route: string, ...faults: Fault[]): void;
  /** Sets a fault for every request to the route until cleared. */
  failAlways(route: string, fault: Fault | undefined): void;
  /** Answers 429 to requests beyond `perSecond` within any sliding second (undefined: no limit). */
  rateLimit(perSecond: number | undefined): void;
  /** Arrivals for one route. */
  seen(route: string): Arrival[];
  /** Resolves once `count` arrivals matched the predicate. */
  waitFor(predicate: (arrival: Arrival) => boolean, count?: number): Promise<void>;
  /** Stops listening (the port then refuses connections) and resets every open socket. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_NUMBER = {
  id: "PNfault0001",
  name: "Main line",
  number: "+15555550100",
  users: [{ id: "USfault0001", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", role: "owner" }],
};
const USER = {
  id: "USfault0001",
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  role: "owner",
  pictureUrl: null,
  createdAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
};

function normal(method: string, path: string, body: string | undefined): { status: number; json: unknown } {
  if (method === "GET" && path === "/v1/phone-numbers")
    return { status: 200, json: { data: [{ ...FAKE_NUMBER, createdAt: "2024-01-01T00:00:00.000Z", updatedAt: "2024-01-01T00:00:00.000Z" }] } };
  if (method === "GET" && path === "/v1/users") return { status: 200, json: { data: [USER], totalItems: 1, nextPageToken: null } };
  if (method === "GET" && path === "/v1/messages") return { status: 200, json: { data: [], totalItems: 0, nextPageToken: null } };
  if (method === "POST" && path === "/v1/messages") {
    const sent = JSON.parse(body ?? "{}") as { from?: string; to?: string[]; content?: string };
    const now = new Date().toISOString();
    const message = {
      id: `ACfault${Math.random().toString(36).slice(2, 10)}`,
      to: sent.to ?? [],
      from: FAKE_NUMBER.number,
      text: sent.content ?? "",
      phoneNumberId: FAKE_NUMBER.id,
      conversationId: "CNfault0001",
      direction: "outgoing",
      userId: USER.id,
      status: "queued",
      createdAt: now,
      updatedAt: now,
    };
    return { status: 202, json: { data: message } };
  }
  if (method === "GET" && path === "/connections")
    return { status: 200, json: { connections: [{ connection_id: "conn-fault-1", status: "ACTIVE", app: "quo", creation_time: "2024-01-01T00:00:00.000Z" }] } };
  return { status: 404, json: { message: "Not found", code: "0800404", status: 404, docs: "https://support.quo.com", title: "Not Found", trace: "fault" } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

export async function startFaultGateway(): Promise<FaultGateway> {
  const arrivals: Arrival[] = [];
  const queued = new Map<string, Fault[]>();
  const always = new Map<string, Fault>();
  const sockets = new Set<Socket>();
  const waiters: { predicate: (a: Arrival) => boolean; count: number; resolve: () => void }[] = [];
  let limit: number | undefined;
  let port = 0;

  const notify = () => {
    for (const waiter of [...waiters]) {
      if (arrivals.filter(waiter.predicate).length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/quo(?=\/)/, "");
    const method = req.method ?? "GET";
    const route = `${method} ${path}`;
    const now = performance.now();
    const arrival: Arrival = { method, path, at: now, closedByClient: false, rateLimited: false, authorization: req.headers.authorization };
    arrivals.push(arrival);
    let destroyedByFake = false;
    const destroy = () => {
      destroyedByFake = true;
      req.socket.destroy();
    };
    res.on("close", () => {
      if (!res.writableFinished && !destroyedByFake) arrival.closedByClient = true;
      notify();
    });

    if (limit !== undefined) {
      const recent = arrivals.filter((a) => a.at > now - 1000).length;
      if (recent > limit) {
        arrival.rateLimited = true;
        await readBody(req);
        res.writeHead(429, { "content-type": "application/json" }).end(JSON.stringify({ error: "Rate limit exceeded" }));
        notify();
        return;
      }
    }

    const fault = queued.get(route)?.shift() ?? always.get(route);
    arrival.fault = fault?.kind;
    notify();
    if (fault?.kind === "reset-before-body") {
      destroy();
      return;
    }
    const body = await readBody(req);
    arrival.body = body;
    if (!fault) return answer(res, normal(method, path, body));
    switch (fault.kind) {
      case "status":
        res.writeHead(fault.status, {
          "content-type": fault.contentType ?? "application/json",
          ...(fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}),
        });
        res.end(fault.body ?? JSON.stringify({ error: `fault ${fault.status}` }));
        return;
      case "reset-after-body":
        destroy();
        return;
      case "slow-headers": {
        const timer = setTimeout(() => answer(res, normal(method, path, body)), fault.ms);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "hang":
        return;
      case "cut-body": {
        const text = JSON.stringify(normal(method, path, body).json);
        res.writeHead(fault.status ?? 200, { "content-type": "application/json", "content-length": String(text.length + 500) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(destroy, 20);
        return;
      }
      case "malformed-json":
        res.writeHead(fault.status ?? 200, { "content-type": "application/json" }).end('{"data": [{"id": "PN1", "name": ');
        return;
      case "html":
        res
          .writeHead(fault.status, { "content-type": "text/html" })
          .end(`<!DOCTYPE html><html><head><title>${fault.status} Bad Gateway</title></head><body><h1>${fault.status}</h1><p>nginx</p></body></html>`);
        return;
      case "wrong-content-type": {
        const { status, json } = normal(method, path, body);
        res.writeHead(status, { "content-type": "text/plain" }).end(JSON.stringify(json));
        return;
      }
      case "huge-body": {
        res.writeHead(fault.status ?? 200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        res.write('{"data": [');
        let written = 0;
        const pump = () => {
          while (written < fault.bytes) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end("]}");
        };
        res.on("error", () => {});
        pump();
        return;
      }
      case "echo-key": {
        const auth = String(req.headers.authorization ?? "");
        const page = fault.contentType.includes("json")
          ? JSON.stringify({ error: `bad request from ${auth}` })
          : `<html><body>Request with ${auth} failed</body></html>`;
        res.writeHead(fault.status, { "content-type": fault.contentType }).end(page);
        return;
      }
    }
  }

  function answer(res: ServerResponse, { status, json }: { status: number; json: unknown }): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  }

  let server: Server;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        handle(req, res).catch(() => res.destroy());
      });
      server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    arrivals,
    fail(route, ...faults) {
      queued.set(route, [...(queued.get(route) ?? []), ...faults]);
    },
    failAlways(route, fault) {
      if (fault) always.set(route, fault);
      else always.delete(route);
    },
    rateLimit(perSecond) {
      limit = perSecond;
    },
    seen(route) {
      return arrivals.filter((a) => `${a.method} ${a.path}` === route);
    },
    waitFor(predicate, count = 1) {
      return new Promise((resolve) => {
        waiters.push({ predicate, count, resolve });
        notify();
      });
    },
    stop,
    restart: listen,
    close: stop,
  };
}

/** The most requests that reached the fake within any window of `ms` (sliding, by arrival). */
export function peakInWindow(arrivals: Arrival[], ms = 1000): number {
  const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= ms) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
