import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type HttpServer, logLines, MCP_POST, startHttp, TEST_TOKEN } from "./helpers.js";

const discovery = [
  "/.well-known/oauth-protected-resource",
  "/.well-known/oauth-protected-resource/mcp",
  "/.well-known/oauth-authorization-server",
  "/.well-known/oauth-authorization-server/mcp",
  "/.well-known/openid-configuration",
  "/.well-known/openid-configuration/mcp",
  "/mcp/.well-known/openid-configuration",
  "/register",
];

/** A 2026-07-28 client's probe, with the per-request metadata such a client sends. */
const PROBE = { jsonrpc: "2.0", id: 7, method: "server/discover", params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } };
const PROBE_HEADERS = { ...MCP_POST, "mcp-protocol-version": "2026-07-28", "mcp-method": "server/discover" };

function errorsLogged(server: HttpServer): Record<string, unknown>[] {
  return logLines(server.stderr()).filter((line) => Number(line.level) >= 40);
}

describe("OAuth discovery with a static token", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"], env: { QUO_MCP_AUTH_TOKEN: TEST_TOKEN } });
  });
  after(() => server.stop());

  for (const path of discovery) {
    it(`answers ${path} with 404 and how to pass the token, without asking for it`, async () => {
      const response = await fetch(`${server.base}${path}`, {
        method: path === "/register" ? "POST" : "GET",
        headers: { "content-type": "application/json" },
        body: path === "/register" ? "{}" : undefined,
      });
      assert.equal(response.status, 404);
      assert.match(response.headers.get("content-type") ?? "", /application\/json/);
      const body = (await response.json()) as { error: string; message: string; how: Record<string, string> };
      assert.equal(body.error, "oauth_not_supported");
      assert.match(body.message, /static bearer token/);
      assert.match(body.message, /Authorization: Bearer <token>/);
      assert.match(body.how["mcp-remote"] ?? "", /--header "Authorization: Bearer/);
      assert.ok(!JSON.stringify(body).includes(TEST_TOKEN));
    });
  }

  it("still refuses MCP without the token, saying how to send it", async () => {
    const response = await fetch(`${server.base}/mcp`, { method: "POST", headers: MCP_POST, body: JSON.stringify(PROBE) });
    assert.equal(response.status, 401);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /Authorization: Bearer/);
  });
});

describe("2026-07-28 probes", () => {
  for (const mode of [[], ["--stateless"]]) {
    describe(mode.length ? "stateless" : "with sessions", () => {
      let server: HttpServer;
      before(async () => {
        server = await startHttp({ args: ["--sandbox", ...mode] });
      });
      after(() => server.stop());

      it("answers server/discover as an initialize-based server: 400 with a plain method-not-found for the probe's id", async () => {
        const response = await fetch(`${server.base}/mcp`, { method: "POST", headers: PROBE_HEADERS, body: JSON.stringify(PROBE) });
        assert.equal(response.status, 400);
        const body = (await response.json()) as { id: unknown; error: { code: number; message: string } };
        assert.equal(body.id, 7);
        assert.equal(body.error.code, -32601);
        assert.match(body.error.message, /initialize/);
        assert.equal(response.headers.get("mcp-session-id"), null, "no session is opened by a probe");
      });

      it("answers a GET /mcp without a session with 405, which a client reads as no stream rather than a failure", async () => {
        const response = await fetch(`${server.base}/mcp`, { headers: { accept: "text/event-stream" } });
        assert.equal(response.status, 405);
        assert.match(response.headers.get("allow") ?? "", /POST/);
        await response.arrayBuffer();
      });

      it("then serves the fallback initialize, and logs nothing at warn or above", async () => {
        const response = await fetch(`${server.base}/mcp`, {
          method: "POST",
          headers: MCP_POST,
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
          }),
        });
        assert.equal(response.status, 200);
        await response.arrayBuffer();
        assert.deepEqual(errorsLogged(server), []);
      });
    });
  }
});
