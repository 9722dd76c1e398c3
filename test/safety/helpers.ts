import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type ClientCapabilities, ElicitRequestSchema, type ElicitRequest, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { CLI, type Gateway, type Session, TEST_KEY } from "../helpers/harness.js";

/** Sends that reached the gateway: the only way a text leaves. */
export function sends(gateway: Gateway) {
  return gateway.requests.filter((r) => r.method === "POST" && r.path === "/quo/v1/messages");
}

/**
 * Like the shared harness's connect, but with client capabilities and an elicitation handler,
 * as a client that can open URLs for the person has.
 */
export async function connectClient(options: {
  gateway: Gateway;
  env?: Record<string, string>;
  args?: string[];
  capabilities?: ClientCapabilities;
  onElicit?: (request: ElicitRequest) => Promise<ElicitResult>;
}): Promise<Session> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    QUO_MCP_LOG_LEVEL: "debug",
    MATON_API_KEY: TEST_KEY,
    MATON_GATEWAY_URL: options.gateway.url,
    MATON_CTRL_URL: options.gateway.url,
    ...options.env,
  };
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, ...(options.args ?? [])], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "quo-mcp-safety-tests", version: "1.0.0" }, { capabilities: options.capabilities ?? {} });
  if (options.onElicit) client.setRequestHandler(ElicitRequestSchema, (request) => options.onElicit!(request));
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}
