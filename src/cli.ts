#!/usr/bin/env node
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config.js";
import { VERSION } from "./version.js";

const usage = `quo-mcp ${VERSION}: an MCP server for the Quo phone system, through the Maton gateway

Usage: quo-mcp [options]            serve MCP over stdio

Options:
  --sandbox                 use an embedded simulated workspace (no key, no network)
  --sandbox-unauthorized    the sandbox starts with no Quo connection, to try the authorization flow
  --gateway-url URL         Maton gateway (MATON_GATEWAY_URL, default https://gateway.maton.ai)
  --ctrl-url URL            Maton control plane (MATON_CTRL_URL, default https://ctrl.maton.ai)
  --connection ID           Maton connection to use (MATON_CONNECTION)
  --region CC               region for national phone numbers (QUO_MCP_DEFAULT_REGION, default US)
  --timeout MS              per-request timeout (QUO_MCP_TIMEOUT_MS, default 30000)
  --log-level LEVEL         fatal|error|warn|info|debug|trace|silent (QUO_MCP_LOG_LEVEL, default info)
  --toolsets A,B            toolsets to serve, or "all" (QUO_MCP_TOOLSETS)
  --tools A,B               single tools to serve in addition (QUO_MCP_TOOLS)
  --exclude-tools A,B       tools not to serve (QUO_MCP_EXCLUDE_TOOLS)
  --read-only               serve no tool that writes (QUO_MCP_READ_ONLY=1)
  -h, --help                this help
  -v, --version             the version

The Maton API key comes from MATON_API_KEY and is never printed or logged.`;

function fail(message: string): never {
  process.stderr.write(`quo-mcp: ${message}\n`);
  process.exit(2);
}

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(`${(error as Error).message}. Run quo-mcp --help for the options.`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({
      gatewayUrl: values["gateway-url"],
      ctrlUrl: values["ctrl-url"],
      connectionId: values.connection,
      defaultRegion: values.region,
      timeoutMs: values.timeout,
      logLevel: values["log-level"],
      sandbox: values.sandbox,
      sandboxUnauthorized: values["sandbox-unauthorized"],
    });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const env = process.env;
  const selection = {
    toolsets: list(values.toolsets ?? env.QUO_MCP_TOOLSETS),
    tools: list(values.tools ?? env.QUO_MCP_TOOLS),
    excludeTools: list(values["exclude-tools"] ?? env.QUO_MCP_EXCLUDE_TOOLS),
    readOnly: values["read-only"] ?? ["1", "true", "yes", "on"].includes(env.QUO_MCP_READ_ONLY ?? ""),
  };
  const { allTools, selectTools } = await import("./tools/index.js");
  try {
    selectTools(allTools(config.defaultRegion), selection);
  } catch (error) {
    fail((error as Error).message);
  }
  const { serveStdio } = await import("./commands/serve-stdio.js");
  await serveStdio(config, selection);
}

function parse() {
  return parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      sandbox: { type: "boolean" },
      "sandbox-unauthorized": { type: "boolean" },
      "gateway-url": { type: "string" },
      "ctrl-url": { type: "string" },
      connection: { type: "string" },
      region: { type: "string" },
      timeout: { type: "string" },
      "log-level": { type: "string" },
      toolsets: { type: "string" },
      tools: { type: "string" },
      "exclude-tools": { type: "string" },
      "read-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`quo-mcp: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
