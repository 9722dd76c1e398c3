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

  for (const [transport, env] of [
    ["after a fast start", {}],
    ["on the SDK's own transport", { QUO_MCP_NO_FAST_START: "1" }],
  ] as const) {
    it(`passes over lines that are not JSON-RPC requests and keeps serving, ${transport}`, async () => {
      const child = spawn(process.execPath, [CLI, "--sandbox"], { env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "error", ...env } });
      let stdout = "";
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
      });
      child.stderr.resume();
      const send = (line: string) => child.stdin.write(`${line}\n`);
      const answered = (id: number) =>
        new Promise<void>((resolve) => {
          const check = () => (stdout.includes(`"id":${id}`) ? resolve() : setTimeout(check, 20));
          check();
        });
      send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }));
      send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
      await answered(1);
      send("not json at all");
      send("[1, 2, 3]");
      send(JSON.stringify({ jsonrpc: "1.0", id: 7, method: "ping" }));
      send(JSON.stringify({ jsonrpc: "2.0", id: 8, method: 42 }));
      send(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } }));
      await answered(9);
      child.stdin.end();
      assert.equal(await new Promise<number | null>((resolve) => child.on("exit", resolve)), 0);
      const answers = stdout.trim().split("\n").map((line) => JSON.parse(line) as { id?: number; result?: { structuredContent?: { numbers?: unknown[] } } });
      assert.deepEqual(answers.map((a) => a.id), [1, 9], "nothing answers the lines that are not requests");
      assert.ok((answers[1]?.result?.structuredContent?.numbers?.length ?? 0) > 0);
    });
  }

  it("reports the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    assert.equal(VERSION, pkg.version);
  });
});
