import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const require = createRequire(import.meta.url);
/** undici's HTTP parser, built with WebAssembly SIMD and without. */
const simdParser = require("undici/lib/llhttp/llhttp_simd-wasm.js") as Buffer;
const plainParser = require("undici/lib/llhttp/llhttp-wasm.js") as Buffer;

describe("what the build leaves beside the server bundle", () => {
  const server = readFileSync(join(dist, "server.js"), "latin1");
  const tmp = mkdtempSync(join(tmpdir(), "quo-mcp-sidecars-"));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("keeps ioredis, the parser without SIMD, the views and the numbering plans out of the bundle's source", () => {
    const sidecar = readFileSync(join(dist, "ioredis.js"), "latin1");
    // A command name only ioredis's command table spells.
    assert.match(sidecar, /georadiusbymember_ro/);
    assert.doesNotMatch(server, /georadiusbymember_ro/);
    const plainBase64 = plainParser.toString("base64").slice(0, 2_000);
    assert.ok(readFileSync(join(dist, "llhttp-wasm.js"), "latin1").includes(plainBase64));
    assert.ok(!server.includes(plainBase64));
    assert.ok(server.includes(simdParser.toString("base64").slice(0, 2_000)), "the SIMD parser, which every x64 and arm64 Node 20 uses, stays in the bundle");
    const view = readFileSync(join(dist, "views", "thread.html"), "utf8");
    assert.match(view, /^<!doctype html>.*<main id="app"><\/main><script>/s);
    assert.ok(!server.includes(view.slice(view.indexOf("<script>"), view.indexOf("<script>") + 2_000)));
    assert.ok(JSON.parse(readFileSync(join(dist, "phone-metadata.json"), "utf8")).countries.US);
  });

  it("loads the parser without SIMD from beside the bundle where this Node cannot compile the SIMD one", () => {
    // The SIMD build refused as a Node without WebAssembly SIMD refuses it; every module compiled is noted.
    const preload = join(tmp, "no-simd.cjs");
    writeFileSync(
      preload,
      [
        "const Compile = WebAssembly.Module;",
        "const compiled = [];",
        "WebAssembly.Module = function Module(bytes) {",
        `  if (bytes.byteLength === ${simdParser.byteLength}) throw new WebAssembly.CompileError("no SIMD here");`,
        "  compiled.push(bytes.byteLength);",
        "  return new Compile(bytes);",
        "};",
        'process.on("exit", () => process.stderr.write(`compiled: ${compiled.join(",")}\\n`));',
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["--require", preload, join(dist, "cli.js"), "call", "list_phone_numbers", "--sandbox"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "silent" },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(JSON.parse(run.stdout).numbers.length > 0, run.stdout);
    assert.match(run.stderr, new RegExp(`compiled: .*\\b${plainParser.byteLength}\\b`), "the parser without SIMD was compiled");
  });
});
