import { z } from "zod";
import { type Flags, parseList, parseSwitch, rawSettings, type SettingKey, settingSources, switchSpellings } from "./settings.js";

export { type Flags, settingSources } from "./settings.js";

/**
 * Every setting of the server, read from the environment and from command-line flags
 * (a flag wins over its variable). This is the only module that reads `process.env`.
 */
const booleanFlag = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  const parsed = parseSwitch(value);
  if (parsed === undefined) ctx.addIssue({ code: "custom", message: `must be ${switchSpellings}` });
  return parsed ?? false;
});

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://gateway.maton.ai" })
  .transform((value) => value.replace(/\/+$/, ""));

const positiveMs = z.coerce
  .number({ error: "must be a number of milliseconds" })
  .int("must be a whole number of milliseconds")
  .min(100, "must be at least 100 ms")
  .max(600_000, "must be at most 600000 ms (10 minutes)");

const list = z.union([z.string(), z.array(z.string())]).transform((value) => parseList(value));

const configSchema = z
  .object({
    apiKey: z.string().trim().min(1, "is empty").optional(),
    // Unset: the base below if given, else Maton's two hosts (see the transform at the end).
    gatewayUrl: httpUrl.optional(),
    ctrlUrl: httpUrl.optional(),
    /** One Maton host for both: gateway routes at <base>/quo/..., connections at <base>/connections. */
    matonUrl: httpUrl.optional(),
    connectionId: z
      .string()
      .trim()
      .regex(/^[\w-]{1,100}$/, "must be a Maton connection id such as 3f6a9c1e-... (see quo-mcp connect)")
      .optional(),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    timeoutMs: positiveMs.default(30_000),
    defaultRegion: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US or GB")
      .transform((value) => value.toUpperCase())
      .default("US"),
    sandbox: booleanFlag.default(false),
    sandboxUnauthorized: booleanFlag.default(false),

    // Which tools are served.
    toolsets: list.optional(),
    tools: list.optional(),
    excludeTools: list.optional(),
    readOnly: booleanFlag.default(false),

    // Pace and patience towards the gateway.
    rateLimit: z.coerce.number({ error: "must be a number of requests per second" }).positive("must be above 0").max(100, "must be at most 100").default(10),
    deadlineMs: positiveMs.default(120_000),

    // Guards on sending.
    duplicateWindowMs: z.coerce
      .number({ error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(0, "must be 0 (off) or more")
      .default(600_000),
    allowedRecipients: list.optional(),

    // Serving over HTTP.
    http: booleanFlag.default(false),
    host: z.string().trim().min(1, "is empty").default("127.0.0.1"),
    port: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a whole number")
      .min(0, "must be 0-65535")
      .max(65535, "must be 0-65535")
      .default(3000),
    stateless: booleanFlag.default(false),
    multiTenant: booleanFlag.default(false),
    authToken: z.string().min(16, "must be at least 16 characters (use a long random string)").optional(),
    allowUnauthenticated: booleanFlag.default(false),
    allowedOrigins: list.optional(),
    allowedHosts: list.optional(),
    maxSessions: z.coerce.number().int().min(1, "must be at least 1").default(1000),
    sessionIdleMs: positiveMs.default(600_000),
    // What one client (one address) may hold, and how long a request may take to arrive.
    maxSessionsPerAddress: z.coerce.number().int().min(1, "must be at least 1").default(100),
    maxConnections: z.coerce.number().int().min(1, "must be at least 1").default(2000),
    maxConnectionsPerAddress: z.coerce.number().int().min(1, "must be at least 1").default(200),
    headersTimeoutMs: positiveMs.default(15_000),
    bodyTimeoutMs: positiveMs.default(30_000),
    sseMaxBufferBytes: z.coerce.number().int().min(65_536, "must be at least 65536 bytes").default(1_048_576),

    // Serve stdio without the build-time fast start (for comparing the two paths).
    noFastStart: booleanFlag.default(false),

    // Where MCP Apps views may load the pictures and audio Quo's answers link to.
    mediaOrigins: list
      .pipe(
        z.array(
          z
            .url({ protocol: /^https?$/, error: "must list http(s) origins such as https://media.example.com, comma-separated" })
            .transform((value) => new URL(value).origin),
        ),
      )
      .optional(),
    // Inbound events: Quo's webhooks over HTTP (see src/inbound/).
    webhookSecret: list.optional(),
    webhookPath: z
      .string()
      .regex(/^\/[\w./-]{1,200}$/, "must be a path such as /webhooks/quo")
      .default("/webhooks/quo"),
    webhookTenantKey: z.string().min(16, "must be at least 16 characters (use a long random string)").optional(),
    // Replicas sharing one budget and one send guard through Redis (absent: this process alone).
    redisUrl: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL such as redis://:password@redis:6379/0" }).optional(),
    // While Redis is unreachable each replica keeps to rateLimit / expectedReplicas on its own.
    expectedReplicas: z.coerce
      .number({ error: "must be a whole number of replicas" })
      .int("must be a whole number of replicas")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(3),
  })
  .superRefine((config, ctx) => {
    if (!config.apiKey && !config.sandbox && !config.multiTenant) {
      ctx.addIssue({
        code: "custom",
        path: ["apiKey"],
        message: "is not set: export your Maton API key (https://maton.ai/settings), or run with --sandbox to try the server without one",
      });
    }
  })
  // A host given on its own wins over the shared base, which wins over the defaults.
  .transform((config) => ({
    ...config,
    gatewayUrl: config.gatewayUrl ?? config.matonUrl ?? "https://gateway.maton.ai",
    ctrlUrl: config.ctrlUrl ?? config.matonUrl ?? "https://ctrl.maton.ai",
  }));

export type Config = z.output<typeof configSchema>;

/** The schema and the table of sources name exactly the same settings. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKeys: Same<keyof z.input<typeof configSchema>, SettingKey> = true;
void sameKeys;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Builds the configuration from flags and environment. Throws a ConfigError whose message is
 * one line naming the setting, as the user spelled it, and what to do about it.
 */
export function loadConfig(flags: Flags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = rawSettings(flags, env);
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = (issue?.path[0] ?? "apiKey") as SettingKey;
  const source = settingSources[key];
  const name = flags[key] !== undefined && source.flag ? source.flag : source.env;
  throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
}

/** Whether a browser can be opened here: macOS and Windows always have a desktop; elsewhere a display must be set. */
export function hasDesktop(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform === "darwin" || platform === "win32" || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
