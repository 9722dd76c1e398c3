import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { eventually, type HttpServer, logLines, MCP_POST, startHttp, TEST_KEY } from "./helpers.js";
import { openSession, type RawSocket, raw, rawSocket } from "./raw.js";

/**
 * A client that knows (or has stolen) a session id replays it without the key the session was
 * opened with, or with another key, on every endpoint. Nothing may run and the session must
 * survive; the ids and keys must never reach the log.
 */
const KEY_A = TEST_KEY;
const KEY_B = "mtn_test_CANARY_intruder_4c1d8e";
const main = SEED.numbers.main.name;
const alice = SEED.contacts.alice.number;
const VERSION = { "mcp-protocol-version": "2025-06-18" };

const sendCall = (id: number, content: string) =>
  JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "send_message", arguments: { from: main, to: [alice], content } } });
const listCall = (id: number) =>
  JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: { name: "list_messages", arguments: { phoneNumber: main, participants: [alice], maxResults: 50 } },
  });

/** Opens a legacy SSE session by hand and keeps reading its stream. */
async function openSse(base: string, headers: Record<string, string>): Promise<{ stream: RawSocket; id: string }> {
  const stream = await rawSocket(base);
  const lines = Object.entries({ host: new URL(base).host, accept: "text/event-stream", ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
  stream.socket.write(`GET /sse HTTP/1.1\r\n${lines.join("")}\r\n`);
  await eventually(() => /sessionId=([\w-]+)/.test(stream.received()), "the SSE endpoint event");
  return { stream, id: /sessionId=([\w-]+)/.exec(stream.received())![1]! };
}

/** The thread as the rightful owner sees it, through their own session. */
async function thread(base: string, session: string): Promise<string> {
  const res = await raw(base, {
    method: "POST",
    path: "/mcp",
    headers: { ...MCP_POST, ...VERSION, "mcp-session-id": session, "x-maton-api-key": KEY_A },
    body: listCall(900),
  });
  assert.equal(res.status, 200, res.body);
  return res.body;
}

describe("hostile clients: session replay in --multi-tenant", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--multi-tenant"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  const intruders: { what: string; headers: Record<string, string>; status: number }[] = [
    { what: "no key", headers: {}, status: 401 },
    { what: "another key", headers: { "x-maton-api-key": KEY_B }, status: 403 },
    { what: "the key with another connection", headers: { "x-maton-api-key": KEY_A, "x-maton-connection": "conn_other" }, status: 403 },
  ];

  it("refuses a Streamable HTTP session id without its key on POST, GET and DELETE; nothing runs and the session survives", async () => {
    const session = await openSession(server.base, { "x-maton-api-key": KEY_A });
    const headers = { ...MCP_POST, ...VERSION, "mcp-session-id": session };
    for (const intruder of intruders) {
      const content = `replayed ${intruder.what} ${randomUUID()}`;
      const post = await raw(server.base, { method: "POST", path: "/mcp", headers: { ...headers, ...intruder.headers }, body: sendCall(7, content) });
      assert.equal(post.status, intruder.status, `POST with ${intruder.what}: ${post.body}`);
      const get = await raw(server.base, {
        method: "GET",
        path: "/mcp",
        headers: { accept: "text/event-stream", ...VERSION, "mcp-session-id": session, ...intruder.headers },
      });
      assert.equal(get.status, intruder.status, `GET with ${intruder.what}`);
      const del = await raw(server.base, { method: "DELETE", path: "/mcp", headers: { ...headers, ...intruder.headers } });
      assert.equal(del.status, intruder.status, `DELETE with ${intruder.what}`);
      assert.ok(!(await thread(server.base, session)).includes(content), `the text sent with ${intruder.what} reached Quo`);
    }
    const content = `rightful ${randomUUID()}`;
    const own = await raw(server.base, { method: "POST", path: "/mcp", headers: { ...headers, "x-maton-api-key": KEY_A }, body: sendCall(8, content) });
    assert.equal(own.status, 200, own.body);
    assert.ok((await thread(server.base, session)).includes(content), "the session's owner could not send");
    const del = await raw(server.base, { method: "DELETE", path: "/mcp", headers: { ...headers, "x-maton-api-key": KEY_A } });
    assert.equal(del.status, 200);
  });

  it("refuses a legacy /messages?sessionId= without its key; nothing runs and the stream stays open", async () => {
    const { stream, id } = await openSse(server.base, { "x-maton-api-key": KEY_A });
    const check = await openSession(server.base, { "x-maton-api-key": KEY_A });
    try {
      for (const [n, intruder] of intruders.entries()) {
        const content = `replayed over SSE ${intruder.what} ${randomUUID()}`;
        const post = await raw(server.base, {
          method: "POST",
          path: `/messages?sessionId=${id}`,
          headers: { "content-type": "application/json", ...intruder.headers },
          body: sendCall(100 + n, content),
        });
        assert.equal(post.status, intruder.status, `/messages with ${intruder.what}: ${post.body}`);
        assert.ok(!(await thread(server.base, check)).includes(content), `the text sent over SSE with ${intruder.what} reached Quo`);
        assert.ok(!stream.received().includes(`"id":${100 + n}`), "the stream carried an answer to the intruder's call");
      }
      const ping = await raw(server.base, {
        method: "POST",
        path: `/messages?sessionId=${id}`,
        headers: { "content-type": "application/json", "x-maton-api-key": KEY_A },
        body: JSON.stringify({ jsonrpc: "2.0", id: 555, method: "ping" }),
      });
      assert.equal(ping.status, 202, ping.body);
      await eventually(() => stream.received().includes('"id":555'), "the owner's ping to be answered on the stream");
    } finally {
      stream.socket.destroy();
    }
  });

  it("keeps session ids and keys out of every log line", async () => {
    const session = await openSession(server.base, { "x-maton-api-key": KEY_A });
    const { stream, id } = await openSse(server.base, { "x-maton-api-key": KEY_B });
    await raw(server.base, { method: "DELETE", path: "/mcp", headers: { ...MCP_POST, ...VERSION, "mcp-session-id": session } });
    await raw(server.base, { method: "POST", path: `/messages?sessionId=${id}`, headers: { "content-type": "application/json" }, body: "{}" });
    stream.socket.destroy();
    await eventually(() => logLines(server.stderr()).filter((l) => l.path === "/sse").length > 0, "the SSE stream's access log line");
    const log = server.stderr();
    for (const secret of [session, id, KEY_A, KEY_B]) assert.ok(!log.includes(secret), "a session id or key reached the log");
    // Requests can still be told apart: the access log carries a short hash of the session.
    const hashed = logLines(log).filter((l) => l.msg === "http request" && typeof l.session === "string");
    assert.ok(hashed.length > 0 && hashed.every((l) => /^[0-9a-f]{12}$/.test(l.session as string)), "the access log lost its session hash");
  });
});

describe("hostile clients: session replay in single-tenant --http", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("refuses a client-supplied key on every endpoint of an existing session (400); nothing runs", async () => {
    const session = await openSession(server.base);
    const headers = { ...MCP_POST, ...VERSION, "mcp-session-id": session, "x-maton-api-key": KEY_B };
    const content = `single-tenant replay ${randomUUID()}`;
    assert.equal((await raw(server.base, { method: "POST", path: "/mcp", headers, body: sendCall(3, content) })).status, 400);
    assert.equal((await raw(server.base, { method: "DELETE", path: "/mcp", headers })).status, 400);
    const { stream, id } = await openSse(server.base, {});
    try {
      const post = await raw(server.base, {
        method: "POST",
        path: `/messages?sessionId=${id}`,
        headers: { "content-type": "application/json", "x-maton-api-key": KEY_B },
        body: sendCall(4, content),
      });
      assert.equal(post.status, 400);
    } finally {
      stream.socket.destroy();
    }
    const list = await raw(server.base, { method: "POST", path: "/mcp", headers: { ...MCP_POST, ...VERSION, "mcp-session-id": session }, body: listCall(5) });
    assert.equal(list.status, 200, "the session did not survive");
    assert.ok(!list.body.includes(content), "a refused text reached Quo");
    assert.ok(!server.stderr().includes(session), "a session id reached the log");
  });
});
