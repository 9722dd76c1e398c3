import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Each flag below is one V8 reads while running, so it
// takes effect from here; this module is the bin's first import so that it does so before
// anything else is loaded. The effect of each is measured by `npm run bench`, figure 6.
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
  // Code that only runs while starting (building the tool schemas, compiling the log
  // redaction paths, resolving modules) is left to the interpreter and baseline compiler
  // instead of the optimising one, whose first use costs ~5 MB. Held for good, it also kept the
  // per-call path out of TurboFan for thousands of calls (a fifth of the server's own share of a
  // call), so it is set back once startup is over (STARTUP_MS below).
  STARTUP_BUDGET,
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
const servesHttp = process.argv.includes("--http") || ["1", "true", "yes", "on"].includes(process.env.QUO_MCP_HTTP?.trim().toLowerCase() ?? "");
/** Both halves of the young generation together, in bytes. */
const HTTP_YOUNG_CAP = 16 * 1024 * 1024;

if (servesHttp) {
  setFlagsFromString("--heap-growing-percent=50");
  capYoungGeneration(HTTP_YOUNG_CAP);
} else {
  for (const flag of flags) setFlagsFromString(flag);
  setTimeout(() => setFlagsFromString(DEFAULT_BUDGET), STARTUP_MS).unref();
}

/** V8 fixes the young generation's maximum at startup; its growth can still be stopped once it reaches `cap`. */
function capYoungGeneration(cap: number): void {
  const young = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
  const observer = new PerformanceObserver(() => {
    if (young() < cap) return;
    setFlagsFromString("--semi-space-growth-factor=1");
    observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
}
