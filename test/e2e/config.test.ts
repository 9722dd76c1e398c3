import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { CLI } from "../helpers/harness.js";

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8", input: "" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("settings", () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ["a missing key", [], {}, /^quo-mcp: MATON_API_KEY is not set: .*--sandbox/],
    ["a gateway URL that is not a URL", [], { MATON_API_KEY: "k", MATON_GATEWAY_URL: "gateway" }, /^quo-mcp: MATON_GATEWAY_URL must be an http\(s\) URL/],
    ["a timeout that is not a number", ["--timeout", "soon"], { MATON_API_KEY: "k" }, /^quo-mcp: --timeout must be a number of milliseconds/],
    ["a timeout too small, from the environment", [], { MATON_API_KEY: "k", QUO_MCP_TIMEOUT_MS: "5" }, /^quo-mcp: QUO_MCP_TIMEOUT_MS must be at least 100 ms/],
    ["a region that is not a country code", ["--region", "USA"], { MATON_API_KEY: "k" }, /^quo-mcp: --region must be a two-letter country code/],
    ["a log level that does not exist", [], { MATON_API_KEY: "k", QUO_MCP_LOG_LEVEL: "loud" }, /^quo-mcp: QUO_MCP_LOG_LEVEL /],
    ["an unknown flag", ["--frobnicate"], { MATON_API_KEY: "k" }, /^quo-mcp: Unknown option '--frobnicate'/],
    ["an unknown toolset", ["--toolsets", "fax"], { MATON_API_KEY: "k" }, /^quo-mcp: unknown toolset "fax"/],
  ];
  for (const [what, args, env, message] of cases) {
    it(`ends with exit code 2 and one line naming the setting for ${what}`, () => {
      const result = run(args, env);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
      assert.equal(result.stdout, "");
    });
  }

  it("never echoes the key, even when another setting is wrong", () => {
    const result = run([], { MATON_API_KEY: "mtn_secret_canary_777", QUO_MCP_TIMEOUT_MS: "x" });
    assert.equal(result.code, 2);
    assert.ok(!result.stderr.includes("mtn_secret_canary_777"));
  });

  it("prints help and the version", () => {
    assert.match(run(["--help"]).stdout, /MATON_API_KEY/);
    assert.match(run(["--version"]).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
