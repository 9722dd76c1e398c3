import { type ChildProcess, spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { freePort } from "../helpers/free-port.js";
import { type HttpServer, startHttp } from "../http/helpers.js";
import { prioritize } from "./priority.js";

export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

const HAPROXY_CFG = new URL("../../deploy/haproxy.cfg", import.meta.url).pathname;

/** Resolves once the child has printed `ready` (on stdout or stderr), or rejects if it exits first. */
function waitForOutput(child: ChildProcess, ready: RegExp, what: string): Promise<void> {
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (ready.test(output)) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: Redis vanishes as in a crash. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    prioritize(child.pid);
    await waitForOutput(child, /Ready to accept connections/, "redis-server");
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    kill: () => stopChild(child!, "SIGKILL"),
    start,
    stop: () => stopChild(child!),
  };
}

export interface Replica extends HttpServer {
  port: number;
}

export async function startReplica(env: Record<string, string>, args: string[] = []): Promise<Replica> {
  const server = await startHttp({ env: { QUO_MCP_LOG_LEVEL: "info", ...env }, args });
  prioritize(server.child.pid);
  return { ...server, port: Number(new URL(server.base).port) };
}

export interface Haproxy {
  base: string;
  stop(): Promise<void>;
}

/** Runs deploy/haproxy.cfg as shipped, pointed at the replicas' loopback ports. */
export async function startHaproxy(replicas: Replica[]): Promise<Haproxy> {
  const port = await freePort();
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", QUO_MCP_LB_BIND: `127.0.0.1:${port}` };
  replicas.forEach((replica, i) => {
    env[`QUO_MCP_REPLICA${i + 1}`] = `127.0.0.1:${replica.port}`;
  });
  // -db: stay in the foreground, logs to stderr; -W would be master-worker, not needed here.
  const child = spawn("haproxy", ["-db", "-f", HAPROXY_CFG], { env, stdio: ["ignore", "pipe", "pipe"] });
  prioritize(child.pid);
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const base = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}):\n${output}`);
    return (await status(`${base}/readyz`)) === 200;
  }, "haproxy to route to a ready replica");
  return { base, stop: () => stopChild(child) };
}

/** The status of a GET, or 0 when nothing answers. */
export async function status(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls until `check` holds, failing after `limitMs` (for conditions that take a moment, not for timing). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface McpClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  call(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  close(): Promise<void>;
}

/** The SDK's own Streamable HTTP client, initialized against `base` (a replica or HAProxy). */
export async function connectMcp(base: string, headers: Record<string, string> = {}): Promise<McpClient> {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } });
  const client = new Client({ name: "quo-mcp-scale-tests", version: "1.0.0" });
  await client.connect(transport);
  return {
    client,
    transport,
    call: async (name, args) => (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as ToolResult,
    close: () => client.close().catch(() => {}),
  };
}

export function resultText(result: ToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}
