import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { connectHttp, eventually, type HttpServer, INITIALIZE, MCP_POST, runCli, startHttp, TEST_TOKEN } from "./helpers.js";

/** A raw request, so the Host header can be anything (fetch would not let a test set it). */
function rawRequest(
  base: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const init = (headers: Record<string, string> = {}) => ({ method: "POST", headers: { ...MCP_POST, ...headers }, body: JSON.stringify(INITIALIZE) });

describe("HTTP security: Host and Origin", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--allowed-origins", "https://app.example.com", "--allowed-hosts", "mcp.example.com"] });
  });
  after(async () => {
    await server.stop();
  });

  it("answers a foreign Origin with 403 on every endpoint, before doing anything", async () => {
    for (const path of ["/mcp", "/sse", "/messages?sessionId=x", "/healthz"]) {
      const res = await fetch(`${server.base}${path}`, {
        ...init({ origin: "https://evil.example" }),
        method: path === "/mcp" || path.startsWith("/messages") ? "POST" : "GET",
        body: path === "/mcp" || path.startsWith("/messages") ? JSON.stringify(INITIALIZE) : undefined,
      });
      assert.equal(res.status, 403, path);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /Origin/);
    }
  });

  it("refuses the SDK client itself when it sends a foreign Origin", async () => {
    await assert.rejects(connectHttp(server.base, "streamable", { origin: "http://attacker.test" }), /403|Forbidden|Origin/);
  });

  it("accepts no Origin, loopback Origins on any port, and the allowed ones", async () => {
    for (const origin of [undefined, "http://localhost:5173", "http://127.0.0.1:8080", "https://app.example.com"]) {
      const res = await fetch(`${server.base}/mcp`, init(origin ? { origin } : {}));
      assert.equal(res.status, 200, String(origin));
      await res.text();
    }
    const near = await fetch(`${server.base}/mcp`, init({ origin: "https://app.example.com.evil.test" }));
    assert.equal(near.status, 403);
  });

  it("answers a Host that is not this server (DNS rebinding) with 403, and accepts loopback and allowed names", async () => {
    const bad = await rawRequest(server.base, { path: "/healthz", headers: { host: "rebind.attacker.test" } });
    assert.equal(bad.status, 403);
    assert.match(bad.body, /Host/);
    for (const host of ["localhost:3000", "127.0.0.1", "mcp.example.com:443"]) {
      assert.equal((await rawRequest(server.base, { path: "/healthz", headers: { host } })).status, 200, host);
    }
  });

  it("refuses bodies over the size limit with 413", async () => {
    const big = JSON.stringify({ ...INITIALIZE, padding: "x".repeat(1024 * 1024 + 10) });
    const res = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: big });
    assert.equal(res.status, 413);
  });
});

describe("HTTP security: bearer token", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"], env: { QUO_MCP_AUTH_TOKEN: TEST_TOKEN } });
  });
  after(async () => {
    await server.stop();
    assert.ok(!server.stderr().includes(TEST_TOKEN), "the token reached the log");
  });

  it("answers a missing or wrong token with 401 on /mcp, /sse and /messages", async () => {
    for (const authorization of [undefined, `Bearer ${TEST_TOKEN}x`, `Bearer ${TEST_TOKEN.slice(0, -1)}`, "Bearer ", TEST_TOKEN, `Basic ${TEST_TOKEN}`]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const mcp = await fetch(`${server.base}/mcp`, init(headers));
      assert.equal(mcp.status, 401, `/mcp with ${authorization}`);
      assert.match(mcp.headers.get("www-authenticate") ?? "", /^Bearer/);
      assert.equal((await fetch(`${server.base}/sse`, { headers })).status, 401);
      assert.equal((await fetch(`${server.base}/messages?sessionId=x`, init(headers))).status, 401);
    }
  });

  it("refuses the SDK clients without the token, and serves them with it", async () => {
    await assert.rejects(connectHttp(server.base, "streamable"), /401|Unauthorized/);
    await assert.rejects(connectHttp(server.base, "sse", { authorization: "Bearer wrong-token-wrong-token" }), /401|Unauthorized/);
    for (const kind of ["streamable", "sse"] as const) {
      const client = await connectHttp(server.base, kind, { authorization: `Bearer ${TEST_TOKEN}` });
      assert.ok((await client.listTools()).tools.length > 0);
      await client.close();
    }
  });

  it("leaves /healthz open for load balancers and container health checks", async () => {
    assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
  });
});

describe("HTTP security: sessions are capped and expire", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--max-sessions", "2", "--session-idle", "300"] });
  });
  after(async () => {
    await server.stop();
  });

  // Past --max-sessions the session idle the longest makes room: see hostile-clients.test.ts.
  it("closes idle sessions, so their ids are unknown and room comes back", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.base}/mcp`, init());
      assert.equal(res.status, 200);
      await res.text();
      ids.push(res.headers.get("mcp-session-id")!);
    }
    // Idle sessions are closed by the sweeper (probing a session would keep it alive, so the
    // log says when); their ids are then unknown, and new sessions fit again.
    const closed = () =>
      server
        .stderr()
        .split("\n")
        .filter((l) => l.includes("session closed after being idle")).length;
    await eventually(() => closed() >= 2, "the idle sessions to be closed");
    const probe = { jsonrpc: "2.0", id: 5, method: "ping" };
    const gone = await fetch(`${server.base}/mcp`, {
      method: "POST",
      headers: { ...MCP_POST, "mcp-session-id": ids[0]!, "mcp-protocol-version": "2025-06-18" },
      body: JSON.stringify(probe),
    });
    assert.equal(gone.status, 404);
    await eventually(async () => {
      const res = await fetch(`${server.base}/mcp`, init());
      await res.text();
      return res.status === 200;
    }, "room for a new session");
  });
});

describe("HTTP security: binding", () => {
  it("refuses a non-loopback address without a token: exit 2, one line on stderr", async () => {
    const { code, stderr } = await runCli(["--http", "--sandbox", "--host", "0.0.0.0", "--port", "0"]);
    assert.equal(code, 2);
    const lines = stderr.trim().split("\n");
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /QUO_MCP_AUTH_TOKEN/);
    assert.match(lines[0]!, /--allow-unauthenticated/);
  });

  it("serves a non-loopback address with a token, or with --allow-unauthenticated", async () => {
    for (const options of [{ env: { QUO_MCP_AUTH_TOKEN: TEST_TOKEN } }, { args: ["--allow-unauthenticated"] }]) {
      const server = await startHttp({ args: ["--sandbox", "--host", "0.0.0.0", ...(options.args ?? [])], env: options.env });
      // Reached over loopback only: a wildcard bind also listens there.
      const port = new URL(server.base).port;
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      assert.equal(await server.stop(), 0);
    }
  });

  it("binds to 127.0.0.1 unless told otherwise", async () => {
    const server = await startHttp({ args: ["--sandbox"] });
    assert.match(server.base, /^http:\/\/127\.0\.0\.1:\d+$/);
    await server.stop();
  });
});
