// LangChain's MCP adapter (@langchain/mcp-adapters): it rewrites each input schema for LLM tool
// calling (simplifyJsonSchemaForLLM), hands its caller LangChain tools, and turns an isError
// result into a ToolException carrying the result's text.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import { Client } from "sdk-current/client/index.js";
import { StdioClientTransport } from "sdk-current/client/stdio.js";
import { runAuthorization, runScenario, startServers, stdioCommand, TOKEN } from "./helpers.mjs";

function adapter(name, tools) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return {
    name,
    validatesInput: true,
    listTools: async () => [...byName.keys()],
    call: async (tool, args) => {
      try {
        const content = await byName.get(tool).invoke(args);
        const text =
          typeof content === "string"
            ? content
            : [content]
                .flat()
                .map((c) => c.text ?? "")
                .join("\n");
        return { isError: false, text };
      } catch (error) {
        // LangChain's own check of the published schema, before anything is sent.
        if (/did not match expected schema/.test(error.message)) return { isError: true, refusedByClient: true, text: error.message };
        // What LangChain hands its caller for an isError result: the message, holding the result's text.
        assert.equal(error.name, "ToolException", String(error));
        return { isError: true, text: error.message };
      }
    },
  };
}

/** Every property, at every depth, with the type it is published with. */
function propertyTypes(schema, path = "", out = new Map()) {
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const at = `${path}${name}`;
    out.set(at, field.type);
    if (field.properties) propertyTypes(field, `${at}.`, out);
    if (field.items?.properties) propertyTypes(field.items, `${at}[].`, out);
    if (field.items) out.set(`${at}[]`, field.items.type);
  }
  return out;
}

describe("@langchain/mcp-adapters 1.1.4", () => {
  let servers;
  before(async () => {
    servers = await startServers();
  });
  after(() => servers?.stop());

  const headers = { authorization: `Bearer ${TOKEN}` };
  const connections = {
    stdio: (args = []) => ({ transport: "stdio", ...stdioCommand(args) }),
    http: (base = servers.http.base, h = headers) => ({ transport: "http", url: `${base}/mcp`, headers: h }),
    sse: (base = servers.http.base, h = headers) => ({ transport: "sse", url: `${base}/sse`, headers: h }),
  };
  const open = (server) => new MultiServerMCPClient({ mcpServers: { quo: server }, throwOnLoadError: true, prefixToolNameWithServerName: false });

  for (const kind of Object.keys(connections)) {
    it(`over ${kind}: runs the scenario through LangChain tools`, async (t) => {
      const client = open(connections[kind]());
      try {
        await runScenario(t, adapter(`langchain ${kind}`, await client.getTools()));
      } finally {
        await client.close();
      }
      assert.deepEqual(servers.http.problems(), []);
    });

    it(`over ${kind}: hands over the authorization link`, async () => {
      const client = open(kind === "stdio" ? connections.stdio(["--sandbox-unauthorized"]) : connections[kind](servers.unauthorized.base, {}));
      try {
        await runAuthorization(adapter("langchain", await client.getTools()));
      } finally {
        await client.close();
      }
    });
  }

  it("keeps every property's type, at every depth, for every tool after its schema rewrite", async () => {
    const published = new Client({ name: "interop", version: "1.0.0" });
    await published.connect(new StdioClientTransport(stdioCommand(["--toolsets", "all"])));
    const listed = (await published.listTools()).tools;
    await published.close();
    const client = open(connections.stdio(["--toolsets", "all"]));
    try {
      const tools = await client.getTools();
      assert.equal(tools.length, listed.length);
      for (const original of listed) {
        const converted = tools.find((t) => t.name === original.name);
        assert.ok(converted, original.name);
        const before = propertyTypes(original.inputSchema);
        const after = propertyTypes(converted.schema);
        assert.ok(before.size > 0 || original.name === "list_phone_numbers", original.name);
        for (const [path, type] of before) {
          assert.equal(typeof type, "string", `${original.name}.${path} is published with one type`);
          assert.equal(after.get(path), type, `${original.name}.${path} keeps its type after LangChain's conversion`);
        }
      }
    } finally {
      await client.close();
    }
  });
});
