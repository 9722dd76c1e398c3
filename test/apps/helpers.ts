import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { UI_EXTENSION, VIEW_MIME_TYPE } from "../../src/apps/capability.js";
import { CLI, type Gateway, TEST_KEY } from "../helpers/harness.js";

/** What a host that renders MCP Apps says about itself in initialize. */
export const uiCapabilities = { extensions: { [UI_EXTENSION]: { mimeTypes: [VIEW_MIME_TYPE] } } };

/** The built server over stdio with a client that does (or does not) render views. */
export async function connectClient(gateway: Gateway, options: { ui: boolean; args?: string[]; env?: Record<string, string> }) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...(options.args ?? [])],
    env: {
      PATH: process.env.PATH ?? "",
      QUO_MCP_LOG_LEVEL: "warn",
      MATON_API_KEY: TEST_KEY,
      MATON_GATEWAY_URL: gateway.url,
      MATON_CTRL_URL: gateway.url,
      ...options.env,
    },
    stderr: "pipe",
  });
  const client = new Client({ name: options.ui ? "apps-host" : "plain-client", version: "1.0.0" }, { capabilities: options.ui ? uiCapabilities : {} });
  await client.connect(transport);
  return client;
}
