import assert from "node:assert/strict";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type Sandbox, type SandboxExchange, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";
import { allTools } from "../../src/tools/index.js";
import { resultSchema } from "../../src/tools/results.js";
import { validateExchange } from "./contract.js";

export const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;

/** A recognisable key: tests assert it never shows up anywhere. */
export const TEST_KEY = "mtn_test_CANARY_9f3c2a7e5d1b";

export interface Gateway {
  sandbox: Sandbox;
  url: string;
  /** Quo requests (method and path below /quo) the server sent, in order. */
  requests: SandboxExchange[];
  /** Contract violations seen so far: every test expects none. */
  violations: string[];
  close(): Promise<void>;
}

/**
 * Starts the sandbox as the loopback gateway for a test, checking every Quo request and
 * response against the spec, and recording which operations the suite exercised.
 */
export async function startGateway(options: SandboxOptions = {}): Promise<Gateway> {
  const requests: SandboxExchange[] = [];
  const violations: string[] = [];
  const coverageDir = process.env.QUO_MCP_CONTRACT_DIR;
  const sandbox = await startSandbox({
    ...options,
    onExchange(exchange) {
      options.onExchange?.(exchange);
      if (exchange.plane !== "gateway") return;
      requests.push(exchange);
      const path = exchange.path.replace(/^\/quo/, "");
      // Maton's own answers (no connection, bad key) and Quo's undocumented live error shape
      // `{error: {message, key, trace}}` both carry `error`: the spec has nothing to check them against.
      const maton = (exchange.responseBody as { error?: unknown } | undefined)?.error !== undefined;
      const { operationId, problems } = validateExchange({
        method: exchange.method,
        path,
        search: exchange.search,
        requestBody: exchange.requestBody,
        status: exchange.status,
        responseBody: maton ? undefined : exchange.responseBody,
      });
      if (maton) problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("is not documented")));
      violations.push(...problems.map((p) => `${exchange.method} ${path}${exchange.search}: ${p}`));
      if (coverageDir && operationId && exchange.status < 400) {
        mkdirSync(coverageDir, { recursive: true });
        appendFileSync(join(coverageDir, `${process.pid}.txt`), `${operationId}\n`);
      }
    },
  });
  return { sandbox, url: sandbox.url, requests, violations, close: () => sandbox.close() };
}

export interface Session {
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** Starts the built server over stdio, as a client such as Claude Desktop does. */
export async function connect(options: { gateway?: Gateway; env?: Record<string, string>; args?: string[]; key?: string } = {}): Promise<Session> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    QUO_MCP_LOG_LEVEL: "debug",
    ...(options.gateway ? { MATON_API_KEY: options.key ?? TEST_KEY, MATON_GATEWAY_URL: options.gateway.url, MATON_CTRL_URL: options.gateway.url } : {}),
    ...options.env,
  };
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, ...(options.args ?? [])], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "quo-mcp-tests", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

export async function call(session: Session, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = (await session.client.callTool({ name, arguments: args })) as ToolResult;
  assertResultShape(name, result);
  return result;
}

const resultSchemas = new Map(allTools("US").map((tool) => [tool.name, resultSchema(tool)]));

/**
 * The server does not check its results against the tools' output schemas at run time (see
 * src/server.ts); every result a test gets is checked here instead, with the full zod schema
 * (field types included), which is stricter than the published JSON Schema the client checks.
 */
export function assertResultShape(name: string, result: ToolResult): void {
  const schema = resultSchemas.get(name);
  if (!schema || result.structuredContent === undefined) return;
  const checked = schema.safeParse(result.structuredContent);
  assert.ok(checked.success, `${name} returned structured content outside its output schema: ${checked.error?.message}`);
}

/** The text content of a result, for checks on what the model reads. */
export function text(result: ToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/**
 * For a describe block: a sandbox gateway and a stdio session against it, started before its
 * tests and closed after them, and then a check that every exchange kept the Quo v1 contract.
 */
export function useSession(options: { sandbox?: SandboxOptions; args?: string[]; env?: Record<string, string> } = {}): {
  readonly gateway: Gateway;
  readonly session: Session;
} {
  let gateway: Gateway | undefined;
  let session: Session | undefined;
  before(async () => {
    gateway = await startGateway(options.sandbox);
    session = await connect({ gateway, args: options.args, env: options.env });
  });
  after(async () => {
    await session?.close();
    await gateway?.close();
    assert.deepEqual(gateway?.violations, [], "every request and response keeps the Quo v1 contract");
  });
  return {
    get gateway() {
      if (!gateway) throw new Error("useSession: the gateway starts in before()");
      return gateway;
    },
    get session() {
      if (!session) throw new Error("useSession: the session starts in before()");
      return session;
    },
  };
}
