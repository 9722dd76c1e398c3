import { flagsFrom, parseCommandLine } from "./cli-args.js";
import type { Command } from "./commands/command.js";
import { ConfigError, loadConfig } from "./config.js";
import type { StdinLines } from "./fast-start/stdin-lines.js";
import { VERSION } from "./version.js";

const usage = `quo-mcp ${VERSION}: an MCP server for the Quo phone system, through the Maton gateway

Usage:
  quo-mcp [options]                      serve MCP over stdio (what MCP clients run)
  quo-mcp --http [--host H] [--port P]   serve MCP over HTTP
  quo-mcp connect                        authorize Quo for this Maton key: prints the link, waits, prints the connection id
  quo-mcp tools [TOOL] [--json]          list the tools, or one tool's arguments (no key needed)
  quo-mcp call TOOL [--json '{...}'] [--arg key=value ...]
                                         run one tool and print its result as JSON (exit 0 ok, 1 tool error, 2 usage error)
  quo-mcp webhooks register --url URL    create a Quo webhook (new system) for replies and call events to URL; prints its secret once

Options:
  --sandbox                 use an embedded simulated workspace (no key, no network)
  --sandbox-unauthorized    the sandbox starts with no Quo connection, to try the authorization flow
  --gateway-url URL         Maton gateway (MATON_GATEWAY_URL, default https://gateway.maton.ai)
  --ctrl-url URL            Maton control plane (MATON_CTRL_URL, default https://ctrl.maton.ai)
  --maton-url URL           One Maton host for both, such as https://api.maton.ai (MATON_BASE_URL)
  --connection ID           Maton connection to use (MATON_CONNECTION)
  --region CC               region for national phone numbers (QUO_MCP_DEFAULT_REGION, default US)
  --timeout MS              per-request timeout (QUO_MCP_TIMEOUT_MS, default 30000)
  --deadline MS             whole tool call deadline (QUO_MCP_DEADLINE_MS, default 120000)
  --rate-limit N            requests per second per Maton key (QUO_MCP_RATE_LIMIT, default 10)
  --log-level LEVEL         fatal|error|warn|info|debug|trace|silent (QUO_MCP_LOG_LEVEL, default info)
  --toolsets A,B            toolsets to serve, or "all" (QUO_MCP_TOOLSETS)
  --tools A,B               tools to serve: alone, only these; with --toolsets, added (QUO_MCP_TOOLS)
  --exclude-tools A,B       tools not to serve (QUO_MCP_EXCLUDE_TOOLS)
  --read-only               serve nothing that writes; reads stay (QUO_MCP_READ_ONLY=1)
  --duplicate-window MS     refuse the same text to the same people within MS (QUO_MCP_DUPLICATE_WINDOW_MS, default 600000; 0 = off)
  --allowed-recipients L    only text these numbers or prefixes (QUO_MCP_ALLOWED_RECIPIENTS)
  -h, --help                this help
  -v, --version             the version

HTTP (with --http; MCP at /mcp, legacy SSE at /sse, liveness at /healthz, readiness at /readyz):
  --host H                  address to bind (QUO_MCP_HOST, default 127.0.0.1)
  --port P                  port (QUO_MCP_PORT, default 3000)
  --stateless               no sessions: a fresh server per request, for replicas behind a load balancer
  --multi-tenant            each client sends its own key in X-Maton-Api-Key (and X-Maton-Connection)
  --allowed-origins L       browser Origins to accept besides loopback ones (QUO_MCP_ALLOWED_ORIGINS)
  --allowed-hosts L         Host names to accept besides loopback ones and the bound address (QUO_MCP_ALLOWED_HOSTS)
  --max-sessions N          most sessions at once (QUO_MCP_MAX_SESSIONS, default 1000)
  --session-idle MS         close sessions idle this long (QUO_MCP_SESSION_IDLE_MS, default 600000)
  --max-sessions-per-address N  most sessions one client address may hold (QUO_MCP_MAX_SESSIONS_PER_ADDRESS, default 100)
  --max-connections N       most open connections (QUO_MCP_MAX_CONNECTIONS, default 2000)
  --max-connections-per-address N  most open connections from one address (QUO_MCP_MAX_CONNECTIONS_PER_ADDRESS, default 200)
  --headers-timeout MS      time a request's headers may take to arrive (QUO_MCP_HEADERS_TIMEOUT_MS, default 15000)
  --body-timeout MS         time a request's body may take to arrive, else 408 (QUO_MCP_BODY_TIMEOUT_MS, default 30000)
  --sse-max-buffer BYTES    unread bytes a legacy SSE stream may hold before it is closed (QUO_MCP_SSE_MAX_BUFFER, default 1048576)
  --allow-unauthenticated   serve a non-loopback address without QUO_MCP_AUTH_TOKEN
  --redis-url URL           share the rate budget, send guard and caches with other replicas (QUO_MCP_REDIS_URL, redis:// or rediss://)
  --expected-replicas N     while Redis is unreachable, each replica keeps to rate / N (QUO_MCP_EXPECTED_REPLICAS, default 3)
  With QUO_MCP_AUTH_TOKEN set, every request needs Authorization: Bearer <token>.
  --webhook-path P          where Quo's webhooks are received (QUO_MCP_WEBHOOK_PATH, default /webhooks/quo); served when
                            QUO_MCP_WEBHOOK_SECRET holds the signing secrets (comma-separated); otherwise waits poll

The Maton API key comes from MATON_API_KEY and is never printed or logged.`;

/** Subcommands, loaded only when used so the server itself starts fast. */
const commands: Record<string, () => Promise<Command>> = {
  connect: async () => (await import("./commands/connect.js")).connect,
  tools: async () => (await import("./commands/tools.js")).tools,
  call: async () => (await import("./commands/call.js")).call,
  webhooks: async () => (await import("./commands/webhooks.js")).webhooks,
};

function fail(message: string): never {
  process.stderr.write(`quo-mcp: ${message}\n`);
  process.exit(2);
}

/** Commands that only read the registry and never reach Quo, so they need no Maton key. */
const keyless = new Set(["tools"]);

/**
 * Runs the command line. `input` is stdin as the fast start path read it, when it took over
 * stdin first (see fast-start/).
 */
async function main(argv: string[], input?: StdinLines): Promise<number | undefined> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    fail(`${(error as Error).message}. Run quo-mcp --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [name, ...rest] = positionals;
  const load = name === undefined ? undefined : commands[name];
  if (name !== undefined && !load) fail(`unknown command "${name}". Run quo-mcp --help for the commands.`);

  const flags = flagsFrom(values);
  let config: ReturnType<typeof loadConfig>;
  try {
    // A stand-in key lets keyless commands load the settings they do use (toolsets, read-only, region).
    config = loadConfig(name !== undefined && keyless.has(name) ? { apiKey: "unused-by-this-command", ...flags } : flags);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const { allTools, selectTools } = await import("./tools/index.js");
  try {
    selectTools(allTools(config.defaultRegion), config);
  } catch (error) {
    fail((error as Error).message);
  }
  if (load) {
    const run = await load();
    return run({
      config,
      positionals: rest,
      json: values.json === true,
      args: (values.arg as string[] | undefined) ?? [],
      input: values.input as string | undefined,
      url: values.url as string | undefined,
    });
  }
  if (config.http) {
    const { serveHttp } = await import("./commands/serve-http.js");
    return serveHttp(config);
  }
  const { serveStdio } = await import("./commands/serve-stdio.js");
  await serveStdio(config, input);
  return undefined;
}

/** Runs main() as the process: its result is the exit code; an unexpected failure is one line and exit 1. */
export function runAsProcess(argv: string[], input?: StdinLines): void {
  main(argv, input).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`quo-mcp: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
