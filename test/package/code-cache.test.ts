import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

/**
 * Runs the built bin with NODE_DEBUG=quo-mcp, which makes the loader say what became of the code
 * cache; with `addressSpaceKb`, under that `ulimit -v`.
 */
function loadServer(extraNodeArgs: string[] = [], addressSpaceKb?: number) {
  const node = [process.execPath, ...extraNodeArgs, join(dist, "cli.js"), "tools", "--json"];
  const [command, args] =
    addressSpaceKb === undefined ? [node[0] as string, node.slice(1)] : ["sh", ["-c", `ulimit -v ${addressSpaceKb} && exec "$@"`, "sh", ...node]];
  const run = spawnSync(command, args, { encoding: "utf8", env: { PATH: process.env.PATH ?? "", NODE_DEBUG: "quo-mcp" } });
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

  // The loader reads the bundle and its cache into a WebAssembly.Memory (src/read-outside-malloc.ts),
  // for which V8 reserves several GB of address space; under a smaller `ulimit -v` it reads them
  // into ordinary Buffers instead.
  it("is accepted, and the server loads, where the address space is too small for a WebAssembly.Memory", { skip: process.platform === "win32" }, () => {
    const probe = spawnSync("sh", ["-c", 'ulimit -v 3000000 && exec "$0" -e "new WebAssembly.Memory({ initial: 1 })"', process.execPath], { encoding: "utf8" });
    assert.notEqual(probe.status, 0, "this limit must leave no room for a WebAssembly.Memory, or the test proves nothing");
    assert.equal(loadServer([], 3_000_000), "accepted");
  });
});
