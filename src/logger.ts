import pino, { type Logger } from "pino";
import { redactSecretFields } from "./secrets/redact-fields.js";
import { scrubText } from "./secrets/scrub.js";

/**
 * Registered keys (and any piece of 8 or more characters of one) are scrubbed from every log
 * line, whatever field they hide in, by the scrubber every result and error goes through too.
 */
export { registerSecret } from "./secrets/scrub.js";
export type { Logger };

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
    },
    {
      write(line: string) {
        destination.write(scrubSecrets(redactSecretFields(line)));
      },
    },
  );
}
