import { join } from "node:path";

/** Set by the bundler in dist/server.js (scripts/build.mjs); absent when run from source. */
declare const QUO_MCP_BUNDLED: boolean | undefined;

/**
 * Where the bundled server finds `name`, one of the files the build writes beside it in dist/,
 * or undefined when run from source. What only some sessions read lives there rather than in
 * the bundle, whose every byte of source stays in memory for the life of the process.
 */
export function besideBundle(name: string): string | undefined {
  return typeof QUO_MCP_BUNDLED === "boolean" ? join(__dirname, name) : undefined;
}
