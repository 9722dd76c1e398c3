import { readFileSync } from "node:fs";
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { INITIALIZE, MCP_POST } from "./helpers.js";

/** What a hand-made request got back. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The loopback address to connect from (127.0.0.2 and up are all this machine on Linux). */
  from?: string;
}

/** One request over its own connection, from a chosen loopback address. */
export function raw(base: string, options: RawOptions): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { connection: "close", ...options.headers },
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Opens a Streamable HTTP session by hand; returns its id. */
export async function openSession(base: string, headers: Record<string, string> = {}, from?: string): Promise<string> {
  const res = await raw(base, { method: "POST", path: "/mcp", headers: { ...MCP_POST, ...headers }, body: JSON.stringify(INITIALIZE), from });
  if (res.status !== 200) throw new Error(`initialize answered ${res.status}: ${res.body}`);
  const id = res.headers["mcp-session-id"];
  if (typeof id !== "string") throw new Error("initialize answered without a session id");
  return id;
}

/** A raw TCP connection to the server, with everything it has received so far. */
export interface RawSocket {
  socket: Socket;
  received(): string;
  /** Resolves once the server has closed (or reset) the connection. */
  closed: Promise<void>;
}

export function rawSocket(base: string, from?: string): Promise<RawSocket> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress: from });
    let received = "";
    socket.on("data", (c: Buffer) => {
      received += c.toString("latin1");
    });
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => {});
    socket.once("connect", () => resolve({ socket, received: () => received, closed }));
    socket.once("error", reject);
  });
}

/** Whether a promise settles within `ms`; for bounded waits, not for asserting how fast. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The resident memory of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}
