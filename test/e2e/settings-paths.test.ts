import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { CLI, call, connect, type Session } from "../helpers/harness.js";

/** What a client learns before the full server has necessarily loaded. */
async function firstImpression(session: Session) {
  return { capabilities: session.client.getServerCapabilities(), tools: (await session.client.listTools()).tools.map((t) => t.name) };
}

/** The server started with `env` on both stdio paths, as far as a client can tell them apart. */
async function bothPaths(env: Record<string, string>) {
  const fast = await connect({ env: { QUO_MCP_SANDBOX: "1", ...env } });
  const full = await connect({ env: { QUO_MCP_SANDBOX: "1", QUO_MCP_NO_FAST_START: "1", ...env } });
  try {
    const [a, b] = await Promise.all([firstImpression(fast), firstImpression(full)]);
    // A call proves the full server accepted the same settings after the fast start answered.
    const [x, y] = await Promise.all([call(fast, "list_users"), call(full, "list_users")]);
    return { fast: { ...a, called: x.isError !== true }, full: { ...b, called: y.isError !== true } };
  } finally {
    await Promise.all([fast.close(), full.close()]);
  }
}

/** Runs the bin with an initialize request on stdin and returns what it did. */
function refusal(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI], { env: { PATH: process.env.PATH ?? "", QUO_MCP_SANDBOX: "1", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
  };
  child.stdin.end(`${JSON.stringify(initialize)}\n`);
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("settings read the same on the fast start and the full server", () => {
  const on = ["1", "true", "TRUE", "True", "yes", "YES", "on", "On", " 1 "];
  const off = ["0", "false", "FALSE", "no", "No", "off", "OFF"];
  for (const [spellings, readOnly] of [
    [on, true],
    [off, false],
  ] as const) {
    it(`QUO_MCP_READ_ONLY=${spellings.map((s) => JSON.stringify(s)).join("|")} is ${readOnly ? "on" : "off"} on both paths`, async () => {
      const results = await Promise.all(spellings.map((value) => bothPaths({ QUO_MCP_READ_ONLY: value, QUO_MCP_TOOLSETS: "all" })));
      for (const [i, { fast, full }] of results.entries()) {
        assert.deepEqual(fast, full, `QUO_MCP_READ_ONLY=${spellings[i]}`);
        assert.equal(fast.called, true);
        assert.equal(fast.tools.includes("send_message"), !readOnly, `QUO_MCP_READ_ONLY=${spellings[i]}`);
      }
    });
  }

  it("reads lists with spaces and empty items alike on both paths", async () => {
    const cases: Record<string, string>[] = [
      { QUO_MCP_TOOLSETS: " users , numbers ," },
      { QUO_MCP_TOOLS: "list_users,, list_phone_numbers " },
      { QUO_MCP_EXCLUDE_TOOLS: " send_message " },
    ];
    for (const env of cases) {
      const { fast, full } = await bothPaths(env);
      assert.deepEqual(fast, full, JSON.stringify(env));
      assert.equal(fast.called, true);
    }
    const { fast } = await bothPaths({ QUO_MCP_EXCLUDE_TOOLS: " send_message " });
    assert.ok(!fast.tools.includes("send_message") && fast.tools.includes("list_messages"));
  });

  for (const [name, value] of [
    ["QUO_MCP_READ_ONLY", "maybe"],
    ["QUO_MCP_SANDBOX_UNAUTHORIZED", "y"],
    ["QUO_MCP_STATELESS", "2"],
  ] as const) {
    it(`refuses ${name}=${value} on both paths before answering anything`, async () => {
      const [fast, full] = await Promise.all([refusal({ [name]: value }), refusal({ [name]: value, QUO_MCP_NO_FAST_START: "1" })]);
      assert.deepEqual(fast, full);
      assert.equal(fast.code, 2);
      assert.equal(fast.stdout, "");
      assert.match(fast.stderr, new RegExp(`${name} must be 1, true, yes or on`));
    });
  }
});
