// The Vercel AI SDK's MCP client (@ai-sdk/mcp), which probes with server/discover by default
// and hands its caller AI SDK tools whose execute() returns the call's result.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createMCPClient } from "@ai-sdk/mcp";
import { Experimental_StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import { outcomeOf, runAuthorization, runScenario, startServers, stdioCommand, TOKEN } from "./helpers.mjs";

/** The scenario through the AI SDK's own tool objects, as an agent loop would run them. */
async function adapter(name, client) {
  const tools = await client.tools();
  return {
    name,
    listTools: async () => Object.keys(tools),
    call: async (tool, args) => {
      const result = await tools[tool].execute(args, { toolCallId: `call-${Date.now()}`, messages: [] });
      return outcomeOf(result);
    },
  };
}

describe("@ai-sdk/mcp 2.0.99", () => {
  let servers;
  before(async () => {
    servers = await startServers();
  });
  after(() => servers?.stop());

  const headers = { authorization: `Bearer ${TOKEN}` };
  const transports = {
    stdio: (args = []) => new Experimental_StdioMCPTransport(stdioCommand(args)),
    http: (base = servers.http.base, h = headers) => ({ type: "http", url: `${base}/mcp`, headers: h }),
    sse: (base = servers.http.base, h = headers) => ({ type: "sse", url: `${base}/sse`, headers: h }),
  };

  for (const kind of Object.keys(transports)) {
    it(`over ${kind}: probes, falls back, and runs the scenario`, async (t) => {
      const errors = [];
      const client = await createMCPClient({ transport: transports[kind](), onUncaughtError: (error) => errors.push(error) });
      try {
        await runScenario(t, await adapter(`ai-sdk ${kind}`, client));
        // Checked before close: closing aborts the client's own streams, which it may report.
        assert.deepEqual(errors.map(String), [], "no uncaught client error");
      } finally {
        await client.close();
      }
      assert.deepEqual(servers.http.problems(), [], "the server logged no problem");
    });

    it(`over ${kind}: hands over the authorization link`, async () => {
      const client = await createMCPClient({
        transport: kind === "stdio" ? transports.stdio(["--sandbox-unauthorized"]) : transports[kind](servers.unauthorized.base, {}),
      });
      try {
        await runAuthorization(await adapter("ai-sdk", client));
      } finally {
        await client.close();
      }
    });
  }
});
