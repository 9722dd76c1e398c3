import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Config } from "../config.js";
import { HandoffTransport } from "../fast-start/handoff.js";
import type { StdinLines } from "../fast-start/stdin-lines.js";
import { startRuntime } from "../runtime.js";
import { buildServer } from "../server.js";
import { allTools, selectTools } from "../tools/index.js";

/**
 * Serves MCP on stdin/stdout until the client goes away. `input` is given when the fast start
 * path already read the first messages from stdin, which it hands over.
 */
export async function serveStdio(config: Config, input?: StdinLines): Promise<void> {
  const transport = input ? new HandoffTransport(input) : new StdioServerTransport();
  const runtime = await startRuntime(config);
  const tools = selectTools(allTools(config.defaultRegion), config);
  const server = buildServer({ tools, services: runtime.services });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    await runtime.close().catch(() => {});
    process.exit(0);
  };
  process.stdin.on("end", shutdown);
  server.server.onclose = shutdown;
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  await server.connect(transport);
  runtime.logger.info({ tools: tools.length, sandbox: config.sandbox }, "serving MCP over stdio");
}
