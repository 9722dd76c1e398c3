import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";

const root = new URL("../../", import.meta.url).pathname;

describe("MCP conformance suite", () => {
  it("passes every active server scenario that applies to a tools-only server (scripts/conformance.mjs)", () => {
    const result = spawnSync(process.execPath, [`${root}scripts/conformance.mjs`], { cwd: root, encoding: "utf8", timeout: 150_000 });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, output);
    // The run really happened and checked the scenarios that matter for this server.
    for (const scenario of ["server-initialize", "ping", "tools-list", "dns-rebinding-protection", "server-sse-multiple-streams"]) {
      assert.match(output, new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`), `${scenario} did not pass`);
    }
  });
});
