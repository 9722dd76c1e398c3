import type { Config } from "../config.js";

/** What every command receives from the command line. */
interface CommandInput {
  config: Config;
  /** Words after the command name, e.g. the tool name of `quo-mcp call`. */
  positionals: string[];
  /** `--json` was given. */
  json: boolean;
  /** Every `--arg key=value`, in order. */
  args: string[];
  /** `--json '{...}'`-style inline arguments of `call`, when given as `--input`. */
  input?: string;
  /** `--url`, of `webhooks register`. */
  url?: string;
}

/** A command returns its exit code: 0 success, 1 the work failed, 2 usage error. */
export type Command = (input: CommandInput) => Promise<number | undefined>;
