// mcp-remote, the stdio-to-HTTP bridge Claude Desktop uses for remote servers: with the
// token passed as a header it bridges both HTTP transports; without it, it must stop at once
// with a message that says how to pass the token, instead of waiting on an OAuth flow.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Client } from "sdk-current/client/index.js";
import { StdioClientTransport } from "sdk-current/client/stdio.js";
import { runAuthorization, runScenario, sdkAdapter, startServers, TOKEN } from "./helpers.mjs";

const PROXY = join(dirname(createRequire(import.meta.url).resolve("mcp-remote/package.json")), "dist/proxy.js");

describe("mcp-remote 0.15.1", () => {
  let servers;
  let home;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), "quo-interop-mcp-remote-"));
    servers = await startServers();
  });
  after(async () => {
    await servers?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const env = () => ({ PATH: process.env.PATH, HOME: home, MCP_REMOTE_CONFIG_DIR: join(home, ".mcp-auth"), QUO_MCP_TOKEN: TOKEN });
  // As in the README's Claude Desktop line: the header names an environment variable mcp-remote expands.
  const bridge = (url, strategy, headers = ["--header", "Authorization: Bearer ${QUO_MCP_TOKEN}"]) =>
    new StdioClientTransport({ command: process.execPath, args: [PROXY, url, ...headers, "--transport", strategy], env: env(), stderr: "pipe" });

  for (const [kind, path, strategy] of [
    ["Streamable HTTP", "mcp", "http-only"],
    ["legacy SSE", "sse", "sse-only"],
  ]) {
    it(`bridges ${kind} with the token header and runs the scenario`, async (t) => {
      const client = new Client({ name: "interop-mcp-remote", version: "1.0.0" });
      await client.connect(bridge(`${servers.http.base}/${path}`, strategy));
      try {
        await runScenario(t, sdkAdapter(`mcp-remote ${kind}`, client));
      } finally {
        await client.close();
      }
      assert.deepEqual(servers.http.problems(), []);
    });

    it(`bridges ${kind} and hands over the authorization link`, async () => {
      const client = new Client({ name: "interop-mcp-remote", version: "1.0.0" });
      await client.connect(bridge(`${servers.unauthorized.base}/${path}`, strategy, []));
      try {
        await runAuthorization(sdkAdapter("mcp-remote", client));
      } finally {
        await client.close();
      }
    });
  }

  it("without the token, stops at once and says how to pass it", async () => {
    const child = spawn(process.execPath, [PROXY, `${servers.http.base}/mcp`, "--transport", "http-only"], { env: env(), stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString("utf8");
    });
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } })}\n`,
    );
    // It exits on its own: no browser to wait for, no callback that never comes. The bound is
    // generous, for a loaded machine; a bridge waiting on OAuth never exits at all.
    let timer;
    const code = await Promise.race([
      new Promise((resolve) => child.once("exit", resolve)),
      new Promise((resolve) => (timer = setTimeout(() => resolve("still running"), 60_000))),
    ]);
    clearTimeout(timer);
    if (code === "still running") child.kill();
    assert.notEqual(code, "still running", `mcp-remote kept waiting:\n${stderr}`);
    assert.notEqual(code, 0);
    assert.match(stderr, /static bearer token/);
    assert.match(stderr, /--header \\?"Authorization: Bearer/);
    assert.ok(!stderr.includes(TOKEN), "the token is never echoed");
  });
});
