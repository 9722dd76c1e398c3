import { type ChildProcess, spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { assertResultShape, CLI } from "../helpers/harness.js";

export { CLI, TEST_KEY } from "../helpers/harness.js";

/** A token long enough for the config's minimum; tests assert it never reaches a log. */
export const TEST_TOKEN = "tok_test_CANARY_5b8e1f0c7a2d4e6f";

export interface HttpServer {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM (unless already gone) and waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the built server with --http on a free loopback port and waits for its "serving" line.
 * The environment is only what is given: no key, token or setting leaks in from the shell.
 */
export async function startHttp(options: { args?: string[]; env?: Record<string, string> } = {}): Promise<HttpServer> {
  const child = spawn(process.execPath, [CLI, "--http", "--port", "0", ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "debug", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /"mcp":"(http:\/\/[^"]+)\/mcp"/.exec(stderr);
      if (match) {
        child.stderr!.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    child,
    base,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Runs the CLI to completion (for start-up refusals) and returns its exit code and stderr. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  return { code, stderr };
}

export type Kind = "streamable" | "sse";

/** Connects the SDK's real HTTP client of the given kind, sending the given headers on every request. */
export async function connectHttp(base: string, kind: Kind, headers: Record<string, string> = {}): Promise<Client> {
  const requestInit = { headers };
  const transport =
    kind === "streamable"
      ? new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit })
      : new SSEClientTransport(new URL(`${base}/sse`), { requestInit });
  const client = new Client({ name: "quo-mcp-http-tests", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  assertResultShape(name, result);
  return result;
}

export function text(result: ToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** Headers a Streamable HTTP POST needs, for requests made by hand. */
export const MCP_POST = { "content-type": "application/json", accept: "application/json, text/event-stream" };

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

/** Polls until `check` holds, failing after `limitMs`; for conditions that take a moment, not timing. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The JSON log lines of a server's stderr. */
export function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
