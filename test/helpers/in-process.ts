import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Transport, TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type ClientCapabilities, type ElicitRequest, ElicitRequestSchema, type ElicitResult, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import pino from "pino";
import { type Config, type Flags, loadConfig } from "../../src/config.js";
import type { SandboxExchange, SandboxOptions } from "../../src/sandbox/index.js";
import { redactSecretFields } from "../../src/secrets/redact-fields.js";
import { buildServer } from "../../src/server.js";
import { createServices } from "../../src/services.js";
import type { Services } from "../../src/tools/define.js";
import { allTools, selectTools } from "../../src/tools/index.js";
import { assertResultShape, type Gateway, startGateway, TEST_KEY, type ToolResult } from "./harness.js";

/**
 * The server without the process: the sandbox on loopback as the gateway (started by the shared
 * harness, so every exchange is checked against the Quo spec and counted for coverage), the
 * services and McpServer the product builds, and a real SDK client talking to it through the
 * protocol layer. Tools are called by name and arguments exactly as a client calls them; only
 * the spawn, the bundle and the stdio pipe are left out, which the end-to-end tests cover.
 */
export interface InProcessOptions {
  /** As --toolsets; without toolsets or tools the everyday set is served, as in production. */
  toolsets?: string[];
  /** As --tools. */
  tools?: string[];
  /** As --exclude-tools. */
  excludeTools?: string[];
  /** As --read-only. */
  readOnly?: boolean;
  /** As --region (default US). */
  region?: string;
  /** As --duplicate-window (default 600000; 0 turns the guard off). */
  duplicateWindowMs?: number;
  /** As --allowed-recipients. */
  allowedRecipients?: string[];
  /** Any other setting by its config name, as a flag would give it (a flag's value wins over these options). */
  settings?: Flags;
  /** Options for the sandbox this session starts; ignored when `gateway` or `gatewayUrl` is given. */
  sandbox?: SandboxOptions;
  /** A sandbox gateway already running (another session's), to share its workspaces. */
  gateway?: Gateway;
  /** A loopback gateway that is not the sandbox (test/helpers/fault-gateway.ts, a hand-made one). */
  gatewayUrl?: string;
  /** The Maton key (default TEST_KEY). */
  key?: string;
  /** The client's capabilities, and its answer to elicitation requests. */
  capabilities?: ClientCapabilities;
  onElicit?: (request: ElicitRequest) => Promise<ElicitResult>;
}

export interface InProcessSession {
  client: Client;
  /** The sandbox gateway; throws for a session started on `gatewayUrl`. */
  readonly gateway: Gateway;
  config: Config;
  services: Services;
  /** Calls a tool and checks the result against the tool's full result schema. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** Quo requests that reached the sandbox since `from` (an earlier `gateway.requests.length`). */
  requestsSince(from: number): SandboxExchange[];
  /** Every log line the server wrote, as JSON text. */
  logs(): string;
  close(): Promise<void>;
}

/** Sends each message as JSON text would carry it, so values that do not survive the wire (undefined, Dates) do not survive here either. */
class JsonWire implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];

  constructor(private readonly inner: InMemoryTransport) {
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
    inner.onmessage = (message, extra) => this.onmessage?.(message, extra);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(JSON.parse(JSON.stringify(message)) as JSONRPCMessage, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

const list = (items: string[] | undefined) => (items === undefined ? undefined : items.join(","));

export async function startInProcess(options: InProcessOptions = {}): Promise<InProcessSession> {
  const key = options.key ?? TEST_KEY;
  const owned = options.gateway === undefined && options.gatewayUrl === undefined;
  const gateway = owned ? await startGateway(options.sandbox) : options.gateway;
  const url = options.gatewayUrl ?? (gateway as Gateway).url;
  const flags: Flags = {
    apiKey: key,
    gatewayUrl: url,
    ctrlUrl: url,
    logLevel: "debug",
    // The limiter has its own tests; here it would only make a paging test wait.
    rateLimit: "100",
    defaultRegion: options.region,
    duplicateWindowMs: options.duplicateWindowMs === undefined ? undefined : String(options.duplicateWindowMs),
    allowedRecipients: list(options.allowedRecipients),
    readOnly: options.readOnly,
    toolsets: list(options.toolsets),
    tools: list(options.tools),
    excludeTools: list(options.excludeTools),
    ...options.settings,
  };
  // An empty environment: the developer's own MATON_API_KEY or QUO_MCP_* must not leak in.
  let config: Config;
  let tools: ReturnType<typeof allTools>;
  try {
    config = loadConfig(flags, {});
    tools = selectTools(allTools(config.defaultRegion), config);
  } catch (error) {
    // A setting or a tool name the product refuses: the refusal is the test's answer.
    if (owned) await gateway?.close();
    throw error;
  }
  const lines: string[] = [];
  // The product's redaction, but kept in memory instead of written to stderr, and before the
  // last-resort scrubbing of registered keys, so a test sees what the code handed the logger.
  const logger = pino({ level: config.logLevel }, { write: (line: string) => void lines.push(redactSecretFields(line)) });
  const services = createServices(config, key, logger);
  const server = buildServer({ tools, services });
  const client = new Client({ name: "quo-mcp-in-process-tests", version: "1.0.0" }, { capabilities: options.capabilities ?? {} });
  const onElicit = options.onElicit;
  if (onElicit) client.setRequestHandler(ElicitRequestSchema, (request) => onElicit(request));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(new JsonWire(serverSide));
  await client.connect(new JsonWire(clientSide));

  const results: string[] = [];
  return {
    client,
    get gateway() {
      if (!gateway) throw new Error("startInProcess: this session runs against gatewayUrl, not the sandbox");
      return gateway;
    },
    config,
    services,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as ToolResult;
      assertResultShape(name, result);
      results.push(JSON.stringify(result));
      return result;
    },
    requestsSince: (from) => (gateway as Gateway).requests.slice(from),
    logs: () => lines.join(""),
    async close() {
      await client.close();
      await server.close();
      services.dispose?.();
      if (owned) {
        await gateway?.close();
        assert.deepEqual(gateway?.violations, [], "every request and response keeps the Quo v1 contract");
      }
      assert.ok(!results.some((r) => r.includes(key)), "no result carries the Maton key");
      assert.ok(!lines.some((l) => l.includes(key)), "no log line carries the Maton key, even before scrubbing");
    },
  };
}

/**
 * For a describe block: one in-process session (and its own sandbox) started before the tests
 * and closed after them. After every test, the exchanges so far must have kept the Quo v1 contract.
 */
export function useInProcess(options: InProcessOptions = {}): InProcessSession {
  let session: InProcessSession | undefined;
  before(async () => {
    session = await startInProcess(options);
  });
  afterEach(() => {
    if (session && options.gatewayUrl === undefined) assert.deepEqual(session.gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });
  after(async () => {
    await session?.close();
  });
  const live = (): InProcessSession => {
    if (!session) throw new Error("useInProcess: the session starts in before()");
    return session;
  };
  return {
    get client() {
      return live().client;
    },
    get gateway() {
      return live().gateway;
    },
    get config() {
      return live().config;
    },
    get services() {
      return live().services;
    },
    call: (name, args) => live().call(name, args),
    requestsSince: (from) => live().requestsSince(from),
    logs: () => live().logs(),
    close: () => live().close(),
  };
}

/** Messages sent (POST /v1/messages) that reached the gateway: the only way a text leaves. */
export function sends(gateway: Gateway): SandboxExchange[] {
  return gateway.requests.filter((r) => r.method === "POST" && r.path === "/quo/v1/messages");
}

/** One thing wrong with a call's arguments, as an invalid_arguments error lists it. */
export interface ArgumentProblemPart {
  argument: string;
  message: string;
  suggestion?: string;
}

/** The error part of a failed result, as a model reads it. */
export interface ErrorPart {
  kind: string;
  remedy?: string;
  argument?: string;
  problems?: ArgumentProblemPart[];
  code?: string;
  status?: number;
  trace?: string;
  message: string;
  next?: string;
}

export function errorOf(result: ToolResult): ErrorPart {
  assert.equal(result.isError, true, `expected an error result, got ${JSON.stringify(result.structuredContent)}`);
  const error = result.structuredContent?.error as ErrorPart | undefined;
  assert.ok(error, `an error result names its error: ${JSON.stringify(result.structuredContent)}`);
  assert.equal(typeof error.kind, "string", `every error says what kind it is: ${JSON.stringify(error)}`);
  return error;
}

/** Fails with the result's own text when a call that should succeed did not. */
export function ok(result: ToolResult): Record<string, unknown> {
  assert.equal(result.isError, undefined, JSON.stringify(result.content));
  return result.structuredContent ?? {};
}

/**
 * Checks that a call was refused as invalid arguments, for one argument named exactly as the
 * error names it (a nested value by its dotted path, `to.1`), and that what that argument is
 * told says what to fix. Every refusal, by the schema or by the handler, names its argument;
 * when the error lists its problems, the argument must be one of them and `says` is matched
 * against that problem's own message.
 */
export function refusedFor(result: ToolResult, argument: string, says?: RegExp): void {
  const error = errorOf(result);
  const shown = JSON.stringify(error);
  assert.equal(error.kind, "invalid_arguments", shown);
  assert.equal(error.remedy, "fix_arguments", shown);
  assert.equal(typeof error.argument, "string", `a refusal names its argument: ${shown}`);
  let told = error.message;
  if (error.problems !== undefined) {
    assert.ok(error.problems.length > 0, shown);
    assert.equal(error.argument, error.problems[0]?.argument, `the argument named is the first problem's: ${shown}`);
    const problem = error.problems.find((p) => p.argument === argument);
    assert.ok(problem, `the refusal lists a problem with ${argument}: ${shown}`);
    told = problem.message;
  } else {
    assert.equal(error.argument, argument, shown);
  }
  if (says) assert.match(told, says, shown);
}
