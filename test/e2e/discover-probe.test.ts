import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { CLI } from "../helpers/harness.js";

const PROBE = { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } };
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 2,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "probe", version: "1" } },
};

/**
 * A 2026-07-28 client on stdio probes with server/discover first. The answer must be a plain
 * JSON-RPC error (never a modern one), right away, so the client falls back to initialize, and
 * then the session must work as usual: on the fast start path and on the full server alike.
 */
describe("server/discover on stdio", () => {
  for (const [path, env] of [
    ["the fast start", {}],
    ["the full server", { QUO_MCP_NO_FAST_START: "1" }],
  ] as const) {
    it(`answers the probe with method-not-found and then initializes (${path}), logging no error`, async () => {
      const child = spawn(process.execPath, [CLI, "--sandbox"], { env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "debug", ...env } });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
      });
      const answers = new Map<unknown, Record<string, unknown>>();
      const waiting = new Map<unknown, () => void>();
      createInterface({ input: child.stdout }).on("line", (line) => {
        const message = JSON.parse(line) as Record<string, unknown>;
        answers.set(message.id, message);
        waiting.get(message.id)?.();
      });
      const answer = (id: number) =>
        new Promise<Record<string, unknown>>((resolve) => (answers.has(id) ? resolve(answers.get(id)!) : waiting.set(id, () => resolve(answers.get(id)!))));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        child.stdin.write(`${JSON.stringify(PROBE)}\n`);
        const refused = await answer(1);
        assert.deepEqual(Object.keys(refused).sort(), ["error", "id", "jsonrpc"]);
        const error = refused.error as { code: number; message: string };
        assert.equal(error.code, -32601);
        assert.match(error.message, /^Method not found: server\/discover\b.*initialize/);
        child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
        const initialized = (await answer(2)).result as { protocolVersion: string };
        assert.equal(initialized.protocolVersion, "2025-11-25");
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } })}\n`);
        const listed = (await answer(3)).result as { isError?: boolean };
        assert.equal(listed.isError, undefined);
        assert.equal(answers.size, 3, "exactly one answer per request");
      } finally {
        child.stdin.end();
        await exited;
      }
      const problems = stderr.split("\n").filter((l) => l.startsWith("{") && Number(JSON.parse(l).level) >= 40);
      assert.deepEqual(problems, []);
    });
  }
});
