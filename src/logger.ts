import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Paths that can hold a Maton key or an access token. Redaction is the last line of defence:
 * code should never hand a key to the logger in the first place.
 */
export const redactedPaths = [
  "apiKey",
  "key",
  "token",
  "authorization",
  "headers.authorization",
  "headers.Authorization",
  'headers["x-maton-api-key"]',
  "req.headers.authorization",
  'req.headers["x-maton-api-key"]',
  "*.apiKey",
  "*.authorization",
];

/** Logs go to stderr: on stdio, stdout belongs to the protocol. */
export function createLogger(level: string): Logger {
  return pino(
    {
      name: "quo-mcp",
      level,
      base: { pid: process.pid },
      redact: { paths: redactedPaths, censor: "[redacted]" },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
