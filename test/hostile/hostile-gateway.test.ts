import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { CLI } from "../helpers/harness.js";
import { HOSTILE_MODES, type HostileGateway, leaksIn, startHostileGateway } from "../helpers/hostile-gateway.js";
import { type HttpServer, startHttp } from "../http/helpers.js";

/** The canary: random-looking like a real key, so any 8 characters of it are unmistakable. */
const KEY = "mtn_Hx7Qd2Vb9Kp4Lw6Zr1Tc8Ny3";

const N = "PNhostile0001";
const ME = "+15555550123";

/** One call of every tool, in each of its families' main shapes. */
const calls: [string, Record<string, unknown>][] = [
  ["list_phone_numbers", {}],
  ["list_phone_numbers", { id: N }],
  ["list_users", {}],
  ["list_users", { id: "UShostile0001" }],
  ["send_message", { from: N, to: [ME], content: "Your table is ready" }],
  ["send_message", { from: N, to: [ME], content: "Dry run check", dryRun: true }],
  ["send_individual_messages", { from: N, to: [ME, "+15555550124"], content: "Reminder: closed Monday" }],
  ["list_messages", { phoneNumber: N, participants: [ME] }],
  ["list_messages", { id: "AChostile0001" }],
  ["list_calls", { phoneNumber: N, participant: ME }],
  ["get_call", { id: "AChostile0001" }],
  ["list_missed_calls", { phoneNumber: N }],
  ["list_conversations", { withLastMessage: true, maxResults: 5, verbose: true }],
  ["update_conversation", { id: "CNhostile0001", action: "read" }],
  ["find_contacts", {}],
  ["find_contacts", { name: "line", verbose: true }],
  ["find_contacts", { id: "hostile0001" }],
  ["manage_contact", { action: "create", firstName: "Ada" }],
  ["manage_contact", { action: "update", id: "hostile0001", company: "Analytical Engines" }],
  ["manage_contact", { action: "delete", id: "hostile0001" }],
  ["manage_task", { action: "list" }],
  ["manage_task", { action: "get", id: "TKhostile0001", verbose: true }],
  ["manage_task", { action: "create", title: "Call back", phoneNumber: N }],
  ["manage_task", { action: "update", id: "TKhostile0001", title: "Call back today" }],
  ["manage_task", { action: "complete", id: "TKhostile0001" }],
  ["manage_webhook", { action: "list" }],
  ["manage_webhook", { action: "get", id: "WHhostile0001" }],
  ["manage_webhook", { action: "create", kind: "messages", url: "https://hooks.example.test/in", events: ["message.received"] }],
  ["manage_webhook", { action: "delete", id: "WHhostile0001" }],
  ["manage_connection", { action: "list" }],
  ["manage_connection", { action: "create" }],
  ["manage_connection", { action: "get", connectionId: "conn-hostile-1" }],
  ["manage_connection", { action: "delete", connectionId: "conn-hostile-1" }],
];

const env = (gateway: HostileGateway) => ({
  MATON_API_KEY: KEY,
  MATON_GATEWAY_URL: gateway.url,
  MATON_CTRL_URL: gateway.url,
  QUO_MCP_LOG_LEVEL: "debug",
  QUO_MCP_RATE_LIMIT: "100",
  QUO_MCP_DUPLICATE_WINDOW_MS: "0",
});

/**
 * Runs every call in every mode and returns, per mode and call, whether the gateway's answer
 * got through to a result that names what it echoed (the proof the shape was exercised).
 */
async function exercise(client: Client, gateway: HostileGateway, results: string[]): Promise<void> {
  for (const mode of HOSTILE_MODES) {
    gateway.mode = mode;
    for (const [name, args] of calls) {
      const result = await client.callTool({ name, arguments: args });
      results.push(`${mode} ${name} ${JSON.stringify(result)}`);
    }
  }
}

function assertNoLeak(where: string, text: string): void {
  const found = leaksIn(text, KEY);
  if (found.length === 0) return;
  const piece = found[0] as string;
  const at = text.toLowerCase().indexOf(piece);
  assert.fail(`${where} carries ${found.length} piece(s) of the key, e.g. "${piece}" in: ...${text.slice(Math.max(0, at - 200), at + 60)}...`);
}

describe("a hostile gateway echoing the key, over stdio", () => {
  let gateway: HostileGateway;
  let client: Client;
  let stderr = "";
  const stdout: string[] = [];
  const results: string[] = [];

  before(async () => {
    gateway = await startHostileGateway(KEY);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, "--toolsets", "all"],
      env: { PATH: process.env.PATH ?? "", ...env(gateway) },
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    client = new Client({ name: "hostile-tests", version: "1.0.0" });
    await client.connect(transport);
    // Every message the server wrote on stdout, as the client read it.
    const deliver = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage) => {
      stdout.push(JSON.stringify(message));
      deliver?.(message);
    };
    await exercise(client, gateway, results);
  });
  after(async () => {
    await client?.close();
    await gateway?.close();
  });

  it("reached every tool family in every mode", () => {
    assert.equal(results.length, HOSTILE_MODES.length * calls.length);
    for (const prefix of [
      "/v1/phone-numbers",
      "/v1/users",
      "/v1/messages",
      "/v1/calls",
      "/v1/call-transcripts/",
      "/v1/call-voicemails/",
      "/v1/conversations",
      "/v1/contacts",
      "/v1/tasks",
      "/v1/webhooks",
      "/connections",
    ]) {
      assert.ok(
        gateway.routes.some((r) => r.includes(prefix)),
        `no request to ${prefix}: ${[...new Set(gateway.routes)].join(", ")}`,
      );
    }
  });

  it("exercised each shape: successes, each error, the authorization URL", () => {
    const successes = results.filter((r) => r.startsWith("success ") && !r.includes('"isError":true'));
    assert.ok(
      successes.length >= calls.length - 2,
      `most calls succeed against a well-formed answer:\n${results.filter((r) => r.startsWith("success ") && r.includes('"isError":true')).join("\n")}`,
    );
    for (const mode of HOSTILE_MODES.filter((m) => m !== "success")) {
      const failed = results.filter((r) => r.startsWith(`${mode} `) && r.includes('"isError":true'));
      assert.ok(failed.length > 0, `${mode}: no call failed`);
    }
    assert.ok(
      results.some((r) => r.startsWith("success ") && r.includes("[redacted]")),
      "the scrubber had something to do in successful answers",
    );
    assert.ok(
      results.some((r) => r.startsWith("no-connection ") && r.includes("authorization_required")),
      "the no-connection mode led to the authorization URL",
    );
    assert.ok(
      results.some((r) => r.startsWith("cut-straddle ") && r.includes("xxxx")),
      "the straddling body reached a result",
    );
  });

  it("leaks no piece of the key in any result, any message on stdout, or any log line", () => {
    for (const result of results) assertNoLeak(`result "${result.slice(0, 60)}"`, result);
    assertNoLeak("stdout", stdout.join("\n"));
    assert.match(stderr, /"level":/, "the server's log was read");
    assertNoLeak("stderr", stderr);
  });
});

for (const tenancy of ["single", "multi"] as const) {
  describe(`a hostile gateway echoing the key, over HTTP (${tenancy === "multi" ? "--multi-tenant, the key in each request" : "the key from the environment"})`, () => {
    let gateway: HostileGateway;
    let server: HttpServer;
    let client: Client;
    const responses: string[] = [];
    const results: string[] = [];

    before(async () => {
      gateway = await startHostileGateway(KEY);
      const { MATON_API_KEY: _key, ...withoutKey } = env(gateway);
      server = await startHttp(
        tenancy === "multi" ? { args: ["--toolsets", "all", "--multi-tenant"], env: withoutKey } : { args: ["--toolsets", "all"], env: env(gateway) },
      );
      // Every byte of every HTTP response the server sent, as the client received it.
      const recording: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (!response.body) return response;
        const [mine, theirs] = response.body.tee();
        void (async () => {
          const decoder = new TextDecoder();
          const reader = mine.getReader();
          for (let read = await reader.read(); !read.done; read = await reader.read()) responses.push(decoder.decode(read.value, { stream: true }));
        })().catch(() => {});
        return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
      };
      const requestInit = tenancy === "multi" ? { headers: { "x-maton-api-key": KEY } } : undefined;
      const transport = new StreamableHTTPClientTransport(new URL(`${server.base}/mcp`), { fetch: recording, requestInit });
      client = new Client({ name: "hostile-tests", version: "1.0.0" });
      await client.connect(transport);
      await exercise(client, gateway, results);
    });
    after(async () => {
      await client?.close();
      await server?.stop();
      await gateway?.close();
    });

    it("leaks no piece of the key in any result, any HTTP response, or any log line", () => {
      assert.equal(results.length, HOSTILE_MODES.length * calls.length);
      assert.ok(
        results.some((r) => r.startsWith("success ") && r.includes("[redacted]")),
        "the gateway's echoes reached the server",
      );
      for (const result of results) assertNoLeak(`result "${result.slice(0, 60)}"`, result);
      assert.ok(responses.join("").length > 10_000, "the responses were recorded");
      assertNoLeak("HTTP responses", responses.join(""));
      assertNoLeak("stderr", server.stderr());
    });
  });
}
