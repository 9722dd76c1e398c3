import pino, { type Logger } from "pino";

export type { Logger };

/** Field names that can hold a Maton key, a bearer token or a session secret. */
const secretFields = [
  "apiKey",
  "api_key",
  "key",
  "matonApiKey",
  "MATON_API_KEY",
  "token",
  "authToken",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "session_token",
  "sessionToken",
  "secret",
  "password",
  "authorization",
  "Authorization",
  "cookie",
  '"set-cookie"',
  '"proxy-authorization"',
  '"x-maton-api-key"',
  '"x-api-key"',
];

const bracket = (field: string) => (field.startsWith('"') ? `[${field}]` : `.${field}`);

/**
 * Paths that can hold a Maton key or an access token, at the top level, one level down, and in
 * the header bags of requests, responses and errors. Redaction is a line of defence, not the
 * plan: code should never hand a key to the logger in the first place, and the destination
 * below scrubs registered keys from every line whatever field they hide in.
 */
export const redactedPaths = [
  ...secretFields.map((f) => (f.startsWith('"') ? `[${f}]` : f)),
  ...secretFields.map((f) => `*${bracket(f)}`),
  ...["headers", "req.headers", "res.headers", "request.headers", "response.headers", "err.headers", "err.config.headers", "options.headers", "config.headers", "env"].flatMap((bag) =>
    secretFields.map((f) => `${bag}${bracket(f)}`),
  ),
];

/** Keys this process holds, with how many holders each has, scrubbed from every log line as the last line of defence. */
const secrets = new Map<string, number>();
let secretPattern: RegExp | undefined;

function rebuildPattern(): void {
  secretPattern = secrets.size === 0 ? undefined : new RegExp([...secrets.keys()].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
}

/**
 * Registers a key so that it can never reach the log, even by a path nobody thought of.
 * Returns the release for its holder: a multi-tenant server forgets a key once no tenant holds
 * it, so neither the set nor the pattern every log line runs through grows with each key seen.
 */
export function registerSecret(secret: string | undefined): () => void {
  // Too short a value would scrub ordinary words; real keys are long.
  if (!secret || secret.length < 8) return () => {};
  const holders = secrets.get(secret) ?? 0;
  secrets.set(secret, holders + 1);
  if (holders === 0) rebuildPattern();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (secrets.get(secret) ?? 1) - 1;
    if (left > 0) secrets.set(secret, left);
    else {
      secrets.delete(secret);
      rebuildPattern();
    }
  };
}

/** Replaces every registered key in a text. */
export function scrubSecrets(text: string): string {
  return secretPattern ? text.replace(secretPattern, "[redacted]") : text;
}

/** Logs go to stderr: on stdio, stdout belongs to the protocol. */
export function createLogger(level: string): Logger {
  const destination = pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: "quo-mcp",
      level,
      base: { pid: process.pid },
      redact: { paths: redactedPaths, censor: "[redacted]" },
    },
    {
      write(line: string) {
        destination.write(scrubSecrets(line));
      },
    },
  );
}
