import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { CLI, startGateway, TEST_KEY } from "../helpers/harness.js";

/** Runs `quo-mcp connect` against the loopback gateway; `onLine` sees each stdout line as it comes. */
function runConnect(gatewayUrl: string, onLine: (line: string) => void, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, "connect"], {
    // No DISPLAY: no browser is opened, and that is not an error.
    env: {
      PATH: process.env.PATH ?? "",
      MATON_API_KEY: TEST_KEY,
      MATON_GATEWAY_URL: gatewayUrl,
      MATON_CTRL_URL: gatewayUrl,
      QUO_MCP_LOG_LEVEL: "silent",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
    pending += chunk;
    let i: number;
    while ((i = pending.indexOf("\n")) >= 0) {
      onLine(pending.slice(0, i));
      pending = pending.slice(i + 1);
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { done, output: () => ({ stdout, stderr }) };
}

describe("quo-mcp connect", () => {
  it("creates the connection, prints the link, waits until it is ACTIVE and prints the id", async () => {
    const gateway = await startGateway({ authorized: false });
    try {
      const run = runConnect(gateway.url, (line) => {
        if (line.includes("/connect?session_token=")) void fetch(line); // the person opens the link
      });
      const code = await run.done;
      const { stdout, stderr } = run.output();
      assert.equal(code, 0, stderr);
      const [connection] = gateway.sandbox.workspace(TEST_KEY).connections;
      assert.equal(connection?.status, "ACTIVE");
      const lines = stdout.trim().split("\n");
      assert.equal(lines.length, 2, "stdout holds only the link and the id");
      assert.match(lines[0]!, /^http:\/\/127\.0\.0\.1:\d+\/connect\?session_token=/);
      assert.equal(lines[1], connection?.connection_id);
      assert.match(stderr, /approve access/);
      assert.ok(!stdout.includes(TEST_KEY) && !stderr.includes(TEST_KEY), "the key is never printed");
    } finally {
      await gateway.close();
    }
  });

  it("prints the id of an ACTIVE connection at once", async () => {
    const gateway = await startGateway();
    try {
      const run = runConnect(gateway.url, () => {});
      assert.equal(await run.done, 0);
      const [connection] = gateway.sandbox.workspace(TEST_KEY).connections;
      assert.equal(run.output().stdout, `${connection?.connection_id}\n`);
    } finally {
      await gateway.close();
    }
  });
});
