import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type HttpServer, INITIALIZE, MCP_POST, startHttp } from "./helpers.js";

/**
 * Loopback Origins are accepted on any port, which makes names that merely begin like one the
 * obvious attack: a page on localhost.evil.test must not pass for localhost.
 */
describe("HTTP Origin check against loopback look-alikes", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"] });
  });
  after(() => server.stop());

  const post = (origin: string) => fetch(`${server.base}/mcp`, { method: "POST", headers: { ...MCP_POST, origin }, body: JSON.stringify(INITIALIZE) });

  it("refuses Origins that only start like a loopback one", async () => {
    for (const origin of [
      "http://localhost.evil.test",
      "http://localhost.evil.test:5173",
      "http://localhostevil.test",
      "http://localhost-evil.test",
      "http://127.0.0.1.evil.test",
      "http://localhost@evil.test",
      "http://127.0.0.1@evil.test:8080",
    ]) {
      const res = await post(origin);
      assert.equal(res.status, 403, origin);
      await res.text();
    }
  });

  it("still accepts the real loopback Origins", async () => {
    for (const origin of ["http://localhost", "http://localhost:5173", "http://127.0.0.1:8080", "http://[::1]:3000"]) {
      const res = await post(origin);
      assert.equal(res.status, 200, origin);
      await res.text();
    }
  });
});
