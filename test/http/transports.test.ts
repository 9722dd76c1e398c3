import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { callTool, connectHttp, type HttpServer, INITIALIZE, type Kind, logLines, MCP_POST, startHttp, text } from "./helpers.js";

async function listAndCall(base: string, kind: Kind): Promise<void> {
  const client = await connectHttp(base, kind);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    assert.ok(names.includes("list_phone_numbers") && names.includes("send_message"), names.join(", "));
    const result = await callTool(client, "list_phone_numbers");
    assert.equal(result.isError, undefined, text(result));
    assert.match(text(result), new RegExp(SEED.numbers.main.id));
    assert.match(text(result), new RegExp(SEED.numbers.support.name));
  } finally {
    await client.close();
  }
}

describe("HTTP transports (sandbox)", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("Streamable HTTP at /mcp lists and calls tools", async () => {
    await listAndCall(server.base, "streamable");
  });

  it("the legacy HTTP+SSE transport at /sse + /messages lists and calls tools", async () => {
    await listAndCall(server.base, "sse");
  });

  it("GET /healthz answers ok without credentials", async () => {
    const res = await fetch(`${server.base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  it("DELETE /mcp ends a session: its id is then unknown (404)", async () => {
    const init = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: JSON.stringify(INITIALIZE) });
    assert.equal(init.status, 200);
    await init.text();
    const id = init.headers.get("mcp-session-id");
    assert.ok(id);
    const headers = { ...MCP_POST, "mcp-session-id": id, "mcp-protocol-version": "2025-06-18" };
    const del = await fetch(`${server.base}/mcp`, { method: "DELETE", headers });
    assert.equal(del.status, 200);
    const after = await fetch(`${server.base}/mcp`, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) });
    assert.equal(after.status, 404);
  });

  it("refuses requests without a session that are not an initialize (400), and unknown session ids (404)", async () => {
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    assert.equal((await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: list })).status, 400);
    const unknown = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...MCP_POST, "mcp-session-id": "no-such-session" }, body: list });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: number } }).error.code, -32001);
  });

  it("answers a body that is not JSON with a JSON-RPC parse error, and an unknown path with 404", async () => {
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: "{nope" });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: number } }).error.code, -32700);
    assert.equal((await fetch(`${server.base}/nowhere`)).status, 404);
  });

  it("writes one structured access log line per request: method, path, status, duration, a short hash of the session", async () => {
    const client = await connectHttp(server.base, "streamable");
    await client.listTools();
    await client.close();
    const lines = logLines(server.stderr()).filter((l) => l.msg === "http request" && l.path === "/mcp" && l.method === "POST" && l.status === 200);
    assert.ok(lines.length >= 2, "no access log lines for /mcp");
    for (const line of lines) {
      assert.equal(typeof line.ms, "number");
      // Never the id itself: whoever reads the log could act as the session.
      assert.match(String(line.session), /^[0-9a-f]{12}$/);
    }
  });
});

describe("HTTP transports, --stateless", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--stateless"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("lists and calls tools with no session id ever issued", async () => {
    await listAndCall(server.base, "streamable");
    const init = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: JSON.stringify(INITIALIZE) });
    assert.equal(init.status, 200);
    assert.equal(init.headers.get("mcp-session-id"), null);
    await init.text();
  });

  it("answers a bare tools/call, as a request landing on another replica would be", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: { ...MCP_POST, "mcp-protocol-version": "2025-06-18" }, body });
    assert.equal(res.status, 200);
    assert.match(await res.text(), new RegExp(SEED.numbers.main.id));
  });

  it("has no session stream to open or end (405), and no legacy SSE (404)", async () => {
    assert.equal((await fetch(`${server.base}/mcp`, { headers: { accept: "text/event-stream" } })).status, 405);
    assert.equal((await fetch(`${server.base}/mcp`, { method: "DELETE" })).status, 405);
    assert.equal((await fetch(`${server.base}/sse`)).status, 404);
  });
});
