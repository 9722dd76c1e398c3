import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

/** Runs the built bin with NODE_DEBUG=quo-mcp, which makes the loader say what became of the code cache. */
function loadServer(extraNodeArgs: string[] = []) {
  const run = spawnSync(process.execPath, [...extraNodeArgs, join(dist, "cli.js"), "tools", "--json"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NODE_DEBUG: "quo-mcp" },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(JSON.parse(run.stdout).length > 0, "the server loaded and listed its tools");
  return /code cache (\w+)/.exec(run.stderr)?.[1];
}

describe("the built server's code cache", () => {
  it("is recorded by the build beside the server bundle", () => {
    assert.ok(existsSync(join(dist, "server.js.cache")), "npm run build wrote no dist/server.js.cache");
  });

  it("is accepted by the Node that built it, with the flags the bin sets", () => {
    assert.equal(loadServer(), "accepted");
  });

  it("is rejected, and the server still loads, when V8 runs with other flags", () => {
    assert.equal(loadServer(["--no-lazy-feedback-allocation"]), "rejected");
  });
});
