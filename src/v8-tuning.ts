import { parseSwitch } from "./settings.js";

// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Each flag below is one V8 reads while running, so it
// takes effect from when it is set: src/load-server.ts sets them before the server loads, after
// the fast start (which loading node:v8 would slow) has answered, and they stay as set, because
// the code cache recorded at build time is tied to the flags it was compiled under. The effect
// of each is measured by `npm run bench`, figures 1, 2 and 4.
const flags = [
  // Smaller heap steps and earlier collection of old objects.
  "--optimize-for-size",
  // The young generation keeps its first size instead of doubling under a burst of calls: a
  // call's garbage is a few hundred KB, and the doubled space stays resident for good (~8 MB).
  "--semi-space-growth-factor=1",
  // No optimising compiler (TurboFan) for JavaScript; the interpreter and the baseline compiler
  // still run. One person's calls wait on Quo for hundreds of milliseconds, and against a
  // loopback gateway optimised code saved a tenth of a millisecond at most (figure 2), while
  // the compiler's memory stayed resident: 10,000 calls left the server at 73 MB with it and 61 MB
  // without (figure 4).
  "--no-opt",
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
