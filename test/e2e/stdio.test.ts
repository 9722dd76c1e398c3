import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { VERSION } from "../../src/version.js";
import { CLI } from "../helpers/harness.js";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};
const INITIALIZED = { jsonrpc: "2.0", method: "notifications/initialized" };
const LIST_NUMBERS = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });

/** The built server on raw pipes, for checks on the bytes themselves rather than on what an SDK client makes of them. */
function rawServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, "--sandbox"], { env: { PATH: process.env.PATH ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    sendLine: (line: string) => child.stdin.write(`${line}\n`),
    send: (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`),
    answered: (id: number) =>
      new Promise<void>((resolve) => {
        const check = () => (stdout.includes(`"id":${id}`) ? resolve() : setTimeout(check, 20));
        check();
      }),
    /** Closes stdin, as a client does when it is done, and resolves with the exit code. */
    end: () => {
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.stdin.end();
      return exited;
    },
  };
}

describe("stdio hygiene", () => {
  it("writes only JSON-RPC to stdout and its logs to stderr", async () => {
    const server = rawServer({ QUO_MCP_LOG_LEVEL: "debug" });
    server.send(INITIALIZE);
    server.send(INITIALIZED);
    server.send(LIST_NUMBERS(2));
    await server.answered(2);
    assert.equal(await server.end(), 0, "the server exits cleanly when the client closes stdin");
    const lines = server.stdout().trim().split("\n");
    assert.equal(lines.length, 2);
    for (const line of lines) assert.equal(JSON.parse(line).jsonrpc, "2.0");
    const logs = server
      .stderr()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string });
    assert.ok(logs.some((l) => l.msg.includes("serving MCP over stdio")));
  });

  for (const [transport, env] of [
    ["after a fast start", {}],
    ["on the SDK's own transport", { QUO_MCP_NO_FAST_START: "1" }],
  ] as const) {
    it(`passes over lines that are not JSON-RPC requests and keeps serving, ${transport}`, async () => {
      const server = rawServer({ QUO_MCP_LOG_LEVEL: "error", ...env });
      server.send(INITIALIZE);
      server.send(INITIALIZED);
      await server.answered(1);
      server.sendLine("not json at all");
      server.sendLine("[1, 2, 3]");
      server.send({ jsonrpc: "1.0", id: 7, method: "ping" });
      server.send({ jsonrpc: "2.0", id: 8, method: 42 });
      server.send(LIST_NUMBERS(9));
      await server.answered(9);
      assert.equal(await server.end(), 0);
      const answers = server
        .stdout()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { id?: number; result?: { structuredContent?: { numbers?: unknown[] } } });
      assert.deepEqual(
        answers.map((a) => a.id),
        [1, 9],
        "nothing answers the lines that are not requests",
      );
      assert.ok((answers[1]?.result?.structuredContent?.numbers?.length ?? 0) > 0);
    });
  }

  it("reports the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    assert.equal(VERSION, pkg.version);
  });
});
