/**
 * The names of every setting: its environment variable and its flag. Kept free of zod so the
 * fast start path can read the few settings it needs without loading the validator; config.ts
 * validates them all. These two modules are the only readers of the environment.
 */

/** Where each setting comes from, so an error can name the variable or flag the user typed. */
const sources = {
  apiKey: { env: "MATON_API_KEY" },
  gatewayUrl: { env: "MATON_GATEWAY_URL", flag: "--gateway-url" },
  ctrlUrl: { env: "MATON_CTRL_URL", flag: "--ctrl-url" },
  matonUrl: { env: "MATON_BASE_URL", flag: "--maton-url" },
  connectionId: { env: "MATON_CONNECTION", flag: "--connection" },
  logLevel: { env: "QUO_MCP_LOG_LEVEL", flag: "--log-level" },
  timeoutMs: { env: "QUO_MCP_TIMEOUT_MS", flag: "--timeout" },
  defaultRegion: { env: "QUO_MCP_DEFAULT_REGION", flag: "--region" },
  sandbox: { env: "QUO_MCP_SANDBOX", flag: "--sandbox" },
  sandboxUnauthorized: { env: "QUO_MCP_SANDBOX_UNAUTHORIZED", flag: "--sandbox-unauthorized" },
  toolsets: { env: "QUO_MCP_TOOLSETS", flag: "--toolsets" },
  tools: { env: "QUO_MCP_TOOLS", flag: "--tools" },
  excludeTools: { env: "QUO_MCP_EXCLUDE_TOOLS", flag: "--exclude-tools" },
  readOnly: { env: "QUO_MCP_READ_ONLY", flag: "--read-only" },
  rateLimit: { env: "QUO_MCP_RATE_LIMIT", flag: "--rate-limit" },
  deadlineMs: { env: "QUO_MCP_DEADLINE_MS", flag: "--deadline" },
  duplicateWindowMs: { env: "QUO_MCP_DUPLICATE_WINDOW_MS", flag: "--duplicate-window" },
  allowedRecipients: { env: "QUO_MCP_ALLOWED_RECIPIENTS", flag: "--allowed-recipients" },
  http: { env: "QUO_MCP_HTTP", flag: "--http" },
  host: { env: "QUO_MCP_HOST", flag: "--host" },
  port: { env: "QUO_MCP_PORT", flag: "--port" },
  stateless: { env: "QUO_MCP_STATELESS", flag: "--stateless" },
  multiTenant: { env: "QUO_MCP_MULTI_TENANT", flag: "--multi-tenant" },
  authToken: { env: "QUO_MCP_AUTH_TOKEN" },
  allowUnauthenticated: { env: "QUO_MCP_ALLOW_UNAUTHENTICATED", flag: "--allow-unauthenticated" },
  allowedOrigins: { env: "QUO_MCP_ALLOWED_ORIGINS", flag: "--allowed-origins" },
  allowedHosts: { env: "QUO_MCP_ALLOWED_HOSTS", flag: "--allowed-hosts" },
  maxSessions: { env: "QUO_MCP_MAX_SESSIONS", flag: "--max-sessions" },
  sessionIdleMs: { env: "QUO_MCP_SESSION_IDLE_MS", flag: "--session-idle" },
  maxSessionsPerAddress: { env: "QUO_MCP_MAX_SESSIONS_PER_ADDRESS", flag: "--max-sessions-per-address" },
  maxConnections: { env: "QUO_MCP_MAX_CONNECTIONS", flag: "--max-connections" },
  maxConnectionsPerAddress: { env: "QUO_MCP_MAX_CONNECTIONS_PER_ADDRESS", flag: "--max-connections-per-address" },
  headersTimeoutMs: { env: "QUO_MCP_HEADERS_TIMEOUT_MS", flag: "--headers-timeout" },
  bodyTimeoutMs: { env: "QUO_MCP_BODY_TIMEOUT_MS", flag: "--body-timeout" },
  sseMaxBufferBytes: { env: "QUO_MCP_SSE_MAX_BUFFER", flag: "--sse-max-buffer" },
  noFastStart: { env: "QUO_MCP_NO_FAST_START" },
  mediaOrigins: { env: "QUO_MCP_MEDIA_ORIGINS" },
  webhookSecret: { env: "QUO_MCP_WEBHOOK_SECRET" },
  webhookPath: { env: "QUO_MCP_WEBHOOK_PATH", flag: "--webhook-path" },
  webhookTenantKey: { env: "QUO_MCP_WEBHOOK_TENANT_KEY" },
  redisUrl: { env: "QUO_MCP_REDIS_URL", flag: "--redis-url" },
  expectedReplicas: { env: "QUO_MCP_EXPECTED_REPLICAS", flag: "--expected-replicas" },
} satisfies Record<string, { env: string; flag?: string }>;

export type SettingKey = keyof typeof sources;
export const settingSources: Record<SettingKey, { env: string; flag?: string }> = sources;

/** The flags that take a value, derived from the table above so the two never drift. */
export const booleanSettings = new Set<SettingKey>(["sandbox", "sandboxUnauthorized", "readOnly", "http", "stateless", "multiTenant", "allowUnauthenticated"]);

export type Flags = Partial<Record<SettingKey, string | boolean | undefined>>;

const switchWords = new Map([
  ["1", true],
  ["true", true],
  ["yes", true],
  ["on", true],
  ["0", false],
  ["false", false],
  ["no", false],
  ["off", false],
]);

/** The spellings a switch accepts, for error messages and the README. */
export const switchSpellings = "1, true, yes or on (0, false, no or off to turn it off), in any case";

/**
 * A switch's value: a flag is already a boolean; a variable is one of the words above, in any
 * case. Undefined for anything else, which config.ts reports and the fast start leaves to it.
 */
export function parseSwitch(value: string | boolean | undefined): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  return switchWords.get(value.trim().toLowerCase());
}

/** A comma-separated list, trimmed, without empty items. */
export function parseList(value: string | readonly string[]): string[] {
  return (typeof value === "string" ? value.split(",") : value).map((item) => item.trim()).filter(Boolean);
}

/** The raw value of every setting that is given: a flag wins over its variable; empty counts as unset. */
export function rawSettings(flags: Flags, env: NodeJS.ProcessEnv = process.env): Partial<Record<SettingKey, string | boolean>> {
  const raw: Partial<Record<SettingKey, string | boolean>> = {};
  for (const [key, source] of Object.entries(settingSources) as [SettingKey, { env: string }][]) {
    const value = flags[key] ?? env[source.env];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  // Starting unauthorized only makes sense in the sandbox, so it implies it.
  if (parseSwitch(raw.sandboxUnauthorized) === true) raw.sandbox ??= true;
  return raw;
}
