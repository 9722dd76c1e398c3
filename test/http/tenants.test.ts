import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SEED } from "../../src/sandbox/index.js";
import { callTool, connectHttp, type HttpServer, INITIALIZE, MCP_POST, startHttp, TEST_KEY, text } from "./helpers.js";

const KEY_A = TEST_KEY;
const KEY_B = "mtn_test_CANARY_other_7e2d9a41c0";
const main = SEED.numbers.main.name;
const alice = SEED.contacts.alice.number;

async function send(client: Client, content: string): Promise<void> {
  const result = await callTool(client, "send_message", { from: main, to: [alice], content });
  assert.equal(result.isError, undefined, text(result));
}

async function thread(client: Client): Promise<string> {
  const result = await callTool(client, "list_messages", { phoneNumber: main, participants: [alice], maxResults: 50 });
  assert.equal(result.isError, undefined, text(result));
  return text(result);
}

describe("HTTP multi-tenant (--multi-tenant --sandbox: one sandbox workspace per key)", () => {
  let server: HttpServer;
  before(async () => {
    // No MATON_API_KEY at all: every client brings its own.
    server = await startHttp({ args: ["--sandbox", "--multi-tenant"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    for (const key of [KEY_A, KEY_B]) assert.ok(!server.stderr().includes(key), "a Maton key reached the log");
  });

  it("gives each key its own data, over both transports, and shares it between sessions of one key", async () => {
    const a = await connectHttp(server.base, "streamable", { "x-maton-api-key": KEY_A });
    const b = await connectHttp(server.base, "sse", { "x-maton-api-key": KEY_B });
    const textA = `for tenant A only ${randomUUID()}`;
    const textB = `for tenant B only ${randomUUID()}`;
    await send(a, textA);
    await send(b, textB);

    const seenByA = await thread(a);
    const seenByB = await thread(b);
    assert.ok(seenByA.includes(textA) && !seenByA.includes(textB), "A sees B's text, or not its own");
    assert.ok(seenByB.includes(textB) && !seenByB.includes(textA), "B sees A's text, or not its own");

    const a2 = await connectHttp(server.base, "sse", { "x-maton-api-key": KEY_A });
    assert.ok((await thread(a2)).includes(textA), "a second session of key A does not see A's workspace");
    await Promise.all([a.close(), b.close(), a2.close()]);
  });

  it("refuses a session without X-Maton-Api-Key (400), saying which header to send", async () => {
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: JSON.stringify(INITIALIZE) });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /X-Maton-Api-Key/);
    await assert.rejects(connectHttp(server.base, "sse"), /400|X-Maton-Api-Key/);
  });

  it("does not let a session change its key or connection (403) or drop it (401); the key it started with still works", async () => {
    const init = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...MCP_POST, "x-maton-api-key": KEY_A }, body: JSON.stringify(INITIALIZE) });
    assert.equal(init.status, 200);
    await init.text();
    const session = init.headers.get("mcp-session-id")!;
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    const headers = { ...MCP_POST, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18" };
    for (const other of [{ "x-maton-api-key": KEY_B }, { "x-maton-api-key": KEY_A, "x-maton-connection": "conn_other" }] as Record<string, string>[]) {
      const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...headers, ...other }, body: list });
      assert.equal(res.status, 403);
      await res.text();
    }
    // A session id alone is not a tenant: without its key the request is refused (401).
    const bare = await fetch(`${server.base}/mcp`, { method: "POST", headers, body: list });
    assert.equal(bare.status, 401);
    await bare.text();
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...headers, "x-maton-api-key": KEY_A }, body: list });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /list_phone_numbers/);
  });
});

describe("HTTP single-tenant", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"] });
  });
  after(async () => {
    await server.stop();
  });

  it("refuses X-Maton-Api-Key instead of silently using the operator's key for that client", async () => {
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...MCP_POST, "x-maton-api-key": KEY_B }, body: JSON.stringify(INITIALIZE) });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /--multi-tenant/);
  });
});
