// The v2 TypeScript SDK client (@modelcontextprotocol/client), which speaks 2026-07-28: in
// `auto` mode it probes with server/discover and must fall back to initialize at once; in
// `legacy` mode it initializes directly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { runAuthorization, runScenario, sdkAdapter, startServers, stdioCommand, TOKEN } from "./helpers.mjs";

/** POSTs to /mcp answered 400: what a server/discover probe gets. */
function probes(server) {
  return server
    .stderr()
    .split("\n")
    .filter((line) => line.includes('"msg":"http request"'))
    .map((line) => JSON.parse(line))
    .filter((line) => line.method === "POST" && line.path === "/mcp" && line.status === 400).length;
}

describe("@modelcontextprotocol/client 2.4.0", () => {
  let servers;
  before(async () => {
    servers = await startServers();
  });
  after(() => servers?.stop());

  const headers = { authorization: `Bearer ${TOKEN}` };
  const transports = {
    stdio: (args = []) => new StdioClientTransport(stdioCommand(args)),
    streamable: (base = servers.http.base, h = headers) => new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: h } }),
    sse: (base = servers.http.base, h = headers) =>
      new SSEClientTransport(new URL(`${base}/sse`), {
        requestInit: { headers: h },
        eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...h } }) },
      }),
  };

  for (const mode of ["auto", "legacy"]) {
    for (const kind of Object.keys(transports)) {
      // The legacy SSE transport predates the probe: auto mode is for the other two.
      if (mode === "auto" && kind === "sse") continue;
      it(`${mode} mode over ${kind}: falls back to initialize and runs the scenario`, async (t) => {
        const errors = [];
        const client = new Client({ name: "interop-v2", version: "1.0.0" }, { versionNegotiation: { mode } });
        client.onerror = (error) => errors.push(error);
        const probesBefore = probes(servers.http);
        const started = Date.now();
        await client.connect(transports[kind]());
        try {
          const connectMs = Date.now() - started;
          assert.equal(client.getServerVersion()?.name, "quo-mcp");
          assert.equal(client.getNegotiatedProtocolVersion(), "2025-11-25");
          // No probe timeout was waited out (the client's default is many seconds).
          assert.ok(connectMs < 5_000, `connect took ${connectMs} ms`);
          // Over HTTP the probe shows in the access log: one 400 to a POST without a session.
          if (kind === "streamable") assert.equal(probes(servers.http) - probesBefore, mode === "auto" ? 1 : 0);
          await runScenario(t, sdkAdapter(`v2 ${mode} ${kind}`, client));
          // Checked before close: closing aborts the client's own streams, which it may report.
          assert.deepEqual(errors.map(String), [], "the client reported no transport error");
        } finally {
          await client.close();
        }
        assert.deepEqual(servers.http.problems(), [], "the server logged no problem");
      });

      it(`${mode} mode over ${kind}: hands over the authorization link`, async () => {
        const client = new Client({ name: "interop-v2", version: "1.0.0" }, { versionNegotiation: { mode } });
        await client.connect(kind === "stdio" ? transports.stdio(["--sandbox-unauthorized"]) : transports[kind](servers.unauthorized.base, {}));
        try {
          await runAuthorization(sdkAdapter(`v2 ${mode}`, client));
        } finally {
          await client.close();
        }
      });
    }
  }
});
