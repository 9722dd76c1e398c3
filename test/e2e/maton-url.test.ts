import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { call, connect, startGateway, TEST_KEY } from "../helpers/harness.js";

describe("MATON_BASE_URL / --maton-url", () => {
  it("keeps Maton's two hosts by default", () => {
    const config = loadConfig({}, { MATON_API_KEY: TEST_KEY });
    assert.equal(config.gatewayUrl, "https://gateway.maton.ai");
    assert.equal(config.ctrlUrl, "https://ctrl.maton.ai");
  });

  it("points the gateway and the control plane at one base; a host given on its own still wins", () => {
    const base = loadConfig({}, { MATON_API_KEY: TEST_KEY, MATON_BASE_URL: "https://api.maton.ai/" });
    assert.equal(base.gatewayUrl, "https://api.maton.ai");
    assert.equal(base.ctrlUrl, "https://api.maton.ai");
    const flag = loadConfig({ matonUrl: "https://api.example.test", ctrlUrl: "https://ctrl.example.test" }, { MATON_API_KEY: TEST_KEY });
    assert.equal(flag.gatewayUrl, "https://api.example.test");
    assert.equal(flag.ctrlUrl, "https://ctrl.example.test");
  });

  it("refuses a base that is not an http(s) URL, naming the setting", () => {
    assert.throws(() => loadConfig({}, { MATON_API_KEY: TEST_KEY, MATON_BASE_URL: "api.maton.ai" }), /MATON_BASE_URL must be an http\(s\) URL/);
  });

  it("sends Quo calls to <base>/quo/... and connection look-ups to <base>/connections", async () => {
    const planes: string[] = [];
    const gateway = await startGateway({ authorized: false, onExchange: (e) => planes.push(`${e.plane} ${e.path}`) });
    // Only the base is given: no MATON_GATEWAY_URL or MATON_CTRL_URL.
    const session = await connect({ env: { MATON_API_KEY: TEST_KEY, QUO_MCP_LOG_LEVEL: "silent" }, args: ["--maton-url", gateway.url] });
    try {
      const result = await call(session, "list_phone_numbers");
      // No connection yet: the gateway said so, and the control plane was asked for one.
      assert.equal(result.structuredContent?.status, "authorization_required", JSON.stringify(result.structuredContent));
      assert.ok(
        planes.some((p) => p.startsWith("gateway /quo/v1/phone-numbers")),
        planes.join(", "),
      );
      assert.ok(
        planes.some((p) => p.startsWith("control /connections")),
        planes.join(", "),
      );
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});
