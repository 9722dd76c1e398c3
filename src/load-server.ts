import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { debuglog } from "node:util";
import { Script } from "node:vm";
import type { StdinLines } from "./fast-start/stdin-lines.js";
import { readOutsideMalloc } from "./read-outside-malloc.js";
import { startupFlagsAgain, tuneV8 } from "./v8-tuning.js";

type FullServer = typeof import("./full-server.js");

/**
 * Filled in by the bundler with the file name of the bundled full server, which sits beside the
 * bin; absent when run from source.
 */
declare const QUO_MCP_SERVER_BUNDLE: string | undefined;

/**
 * Loads the full server and runs the command line on it; `input` is stdin as the fast start
 * read it, when it did. A server that cannot load is one line on stderr and exit 1.
 */
export function runFullServer(argv: string[], input?: StdinLines): void {
  loadServer(argv).then(
    ({ runAsProcess }) => runAsProcess(argv, input),
    (error: unknown) => {
      process.stderr.write(`quo-mcp: could not load the server: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

/** From source, an ordinary import; in the bundle, see compileWithCache. */
async function loadServer(argv: readonly string[]): Promise<FullServer> {
  tuneV8(argv);
  if (typeof QUO_MCP_SERVER_BUNDLE === "string") return compileWithCache(join(__dirname, QUO_MCP_SERVER_BUNDLE)) as FullServer;
  return import("./full-server.js");
}

// The CommonJS wrapper, written out here because the code cache is tied to the exact source.
const WRAPPER = ["(function (exports, require, module, __filename, __dirname) {", "\n})"] as const;

/**
 * Runs a CommonJS bundle with the V8 code cache the build recorded beside it (FILE.cache): the
 * functions a first tool call runs come back compiled instead of being parsed and compiled again,
 * which Node 20 cannot do for ES modules. V8 checks the cache against the source, its own version
 * and its flags, and compiles as usual when any differ (another Node version, a profiler).
 * The build records the cache by running the bundle with QUO_MCP_RECORD_CODE_CACHE=1: this process
 * then writes what it compiled when it exits. The bench loads its bundled reference server the
 * same way (bench/reference-bundle.ts).
 */
export function compileWithCache(file: string): unknown {
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readOutsideMalloc(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle is ASCII (the build writes every other character escaped), so latin1 reads it
  // without decoding: a few milliseconds less than UTF-8 for its megabyte and more. Read with its
  // wrapper around it, it becomes one string (external, past a megabyte) that V8 keeps as the
  // script's source as it is, where a wrapped copy would be flattened into a third copy.
  const source = readOutsideMalloc(file, ...WRAPPER).toString("latin1");
  const script = new Script(source, { filename: file, cachedData });
  // NODE_DEBUG=quo-mcp shows whether this Node could use it.
  debuglog("quo-mcp")("code cache %s", cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "accepted");
  const module = { exports: {} as unknown };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (process.env.QUO_MCP_RECORD_CODE_CACHE === "1")
    process.once("exit", () => {
      startupFlagsAgain();
      writeFileSync(cacheFile, script.createCachedData());
    });
  return module.exports;
}
