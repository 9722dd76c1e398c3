import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { VERSION } from "../../src/version.js";
import { CLI } from "../helpers/harness.js";

describe("stdio hygiene", () => {
  it("writes only JSON-RPC to stdout and its logs to stderr", async () => {
    const child = spawn(process.execPath, [CLI, "--sandbox"], { env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "debug" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });
    await new Promise<void>((resolve) => {
      const check = () => (stdout.includes('"id":2') ? resolve() : setTimeout(check, 20));
      check();
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 0, "the server exits cleanly when the client closes stdin");
    const lines = stdout.trim().split("\n");
    assert.equal(lines.length, 2);
    for (const line of lines) assert.equal(JSON.parse(line).jsonrpc, "2.0");
    const logs = stderr.trim().split("\n").map((line) => JSON.parse(line) as { msg: string });
    assert.ok(logs.some((l) => l.msg.includes("serving MCP over stdio")));
  });

  it("reports the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    assert.equal(VERSION, pkg.version);
  });
});
