import pino, { type Logger } from "pino";
import { scrubText } from "./secrets/scrub.js";

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
  ...[
    "headers",
    "req.headers",
    "res.headers",
    "request.headers",
    "response.headers",
    "err.headers",
    "err.config.headers",
    "options.headers",
    "config.headers",
    "env",
  ].flatMap((bag) => secretFields.map((f) => `${bag}${bracket(f)}`)),
];

/**
 * Registered keys (and any piece of 8 or more characters of one) are scrubbed from every log
 * line, whatever field they hide in, by the scrubber every result and error goes through too.
 */
export { registerSecret } from "./secrets/scrub.js";

/** Replaces every registered key, or piece of one, in a text. */
export const scrubSecrets = scrubText;

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
