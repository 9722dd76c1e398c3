import { parseArgs } from "node:util";
import { booleanSettings, type Flags, settingSources } from "./settings.js";

/**
 * `--json` is a switch ("print JSON"), but `call TOOL --json '{...}'` gives it the tool's
 * arguments. parseArgs cannot type one option both ways, so a `--json` followed by a JSON
 * object or array (or `--json={...}`) is read as `--input`, which carries the arguments.
 */
function jsonValueToInput(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    const next = argv[i + 1];
    if (word === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (word === "--json" && next !== undefined && /^\s*[[{]/.test(next)) {
      out.push("--input", next);
      i++;
    } else if (word.startsWith("--json=")) out.push(`--input=${word.slice("--json=".length)}`);
    else out.push(word);
  }
  return out;
}

/** Reads the command line; throws with parseArgs' message on an unknown or malformed option. */
export function parseCommandLine(argv: string[]) {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "v" },
    json: { type: "boolean" },
    input: { type: "string" },
    arg: { type: "string", multiple: true },
    url: { type: "string" },
  };
  for (const [key, source] of Object.entries(settingSources)) {
    if (source.flag) options[source.flag.slice(2)] = { type: booleanSettings.has(key as never) ? "boolean" : "string" };
  }
  return parseArgs({ args: jsonValueToInput(argv), strict: true, allowPositionals: true, options });
}

/** The settings given as flags, by setting name. */
export function flagsFrom(values: Record<string, unknown>): Flags {
  const flags: Flags = {};
  for (const [key, source] of Object.entries(settingSources)) {
    const value = source.flag ? values[source.flag.slice(2)] : undefined;
    if (value !== undefined) flags[key as keyof Flags] = value as string | boolean;
  }
  return flags;
}
