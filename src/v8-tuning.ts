import { parseSwitch } from "./settings.js";

// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Each flag below is one V8 reads while running, so it
// takes effect from when it is set: src/load-server.ts sets them before the server loads, after
// the fast start (which loading node:v8 would slow) has answered. The code cache recorded at
// build time is tied to the flags in force when it is compiled and recorded (see
// startupFlagsAgain). The effect of each is measured by `npm run bench`, figures 1, 2 and 4.
const STARTUP_BUDGET = "--interrupt-budget=300000";
/** V8's own interrupt budget (Node 20), restored once the startup code has run. */
const DEFAULT_BUDGET = "--interrupt-budget=67584";
/** Startup, the first tools/list and the first call are over well within this. */
const STARTUP_MS = 1_000;
const flags = [
  // Smaller heap steps and earlier collection of old objects.
  "--optimize-for-size",
  // The young generation keeps its first size instead of doubling under a burst of calls: a
  // call's garbage is a few hundred KB, and the doubled space stays resident for good (~8 MB).
  "--semi-space-growth-factor=1",
  // Code that only runs while starting (building the tool schemas, resolving modules) is left
  // to the interpreter and baseline compiler instead of the optimising one, whose first use
  // costs ~5 MB. Held for good, it also kept the
  // per-call path out of TurboFan for thousands of calls (a fifth of the server's own share of a
  // call), so it is set back once startup is over (STARTUP_MS below).
  STARTUP_BUDGET,
  // The optimising compiler compiles each hot function on its own, without inlining its
  // callees. Its memory stays with the allocator once used; inlining made each compile's much
  // larger: 10,000 calls left the server at 75 MB with it and 70 MB without (figure 4), for
  // the same CPU time a call (list_messages of 100 texts: 3.11 and 3.12 ms). Turning the
  // compiler off entirely left 61 MB, but that call then took 4.72 ms, the scrubber's scan of
  // every answer above all.
  "--no-turbo-inlining",
  // undici parses HTTP with a WebAssembly build of llhttp. Its baseline (Liftoff) code is fast
  // enough for responses of a few KB; optimising it again costs ~8 MB of compiler memory
  // that the allocator keeps.
  "--liftoff-only",
];

/**
 * Serving HTTP, one process answers many users at once and is busy computing, not waiting:
 * there the flags above cost far more than they save (figure 5). With the young generation held
 * small (--optimize-for-size shrinks it back too), it fills every few calls while dozens are in
 * flight, so their objects survive into the old generation and collection took a fifth of the
 * process's time; the late and missing optimisation slowed every call as well. An HTTP server
 * instead lets the young generation grow to a cap (left to its maximum, 32 MB, it would hold
 * that much more after a burst of sessions), and keeps the old generation from growing far
 * past what it holds, so a burst of sessions that ended leaves little behind.
 */
const servesHttp = (argv: readonly string[]) => argv.includes("--http") || parseSwitch(process.env.QUO_MCP_HTTP) === true;
/** Both halves of the young generation together, in bytes. */
const HTTP_YOUNG_CAP = 16 * 1024 * 1024;

/**
 * Sets the flags for what `argv` runs. node:v8 is loaded here, not imported above, so that the
 * fast start never loads it; and through getBuiltinModule, because an import() from the CommonJS
 * bundle would start Node's ES module loader for it, 3 ms and a dozen modules.
 */
export function tuneV8(argv: readonly string[]): void {
  const v8 = process.getBuiltinModule("node:v8");
  if (servesHttp(argv)) {
    v8.setFlagsFromString("--heap-growing-percent=50");
    capYoungGeneration(HTTP_YOUNG_CAP, v8, process.getBuiltinModule("node:perf_hooks").PerformanceObserver);
    return;
  }
  setStartupFlags(v8);
  setTimeout(() => v8.setFlagsFromString(DEFAULT_BUDGET), STARTUP_MS).unref();
}

/**
 * Puts back the startup flags of a stdio server or a command, which the code cache is compiled
 * under: a cache recorded after the budget was restored would name other flags, and V8 would
 * refuse it on every start.
 */
export function startupFlagsAgain(): void {
  setStartupFlags(process.getBuiltinModule("node:v8"));
}

function setStartupFlags(v8: typeof import("node:v8")): void {
  for (const flag of flags) v8.setFlagsFromString(flag);
}

/** V8 fixes the young generation's maximum at startup; its growth can still be stopped once it reaches `cap`. */
function capYoungGeneration(cap: number, v8: typeof import("node:v8"), Observer: typeof import("node:perf_hooks").PerformanceObserver): void {
  const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
  const observer = new Observer(() => {
    if (young() < cap) return;
    v8.setFlagsFromString("--semi-space-growth-factor=1");
    observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
}
