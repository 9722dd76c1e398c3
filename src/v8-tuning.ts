import { setFlagsFromString } from "node:v8";

// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Each flag below is one V8 reads while running, so it
// takes effect from here; this module is the bin's first import so that it does so before
// anything else is loaded. The effect of each is measured by `npm run bench`, figure 6.
const flags = [
  // Smaller heap steps and earlier collection of old objects.
  "--optimize-for-size",
  // The young generation keeps its first size instead of doubling under a burst of calls: a
  // call's garbage is a few hundred KB, and the doubled space stays resident for good (~8 MB).
  "--semi-space-growth-factor=1",
  // Code that only runs while starting (building the tool schemas, compiling the log
  // redaction paths, resolving modules) is left to the interpreter and baseline compiler
  // instead of the optimising one, whose first use costs ~5 MB; the per-call path still
  // gets optimised after a few hundred calls.
  "--interrupt-budget=300000",
  // undici parses HTTP with a WebAssembly build of llhttp. Its baseline (Liftoff) code is fast
  // enough for responses of a few KB; optimising it again costs ~8 MB of compiler memory
  // that the allocator keeps.
  "--liftoff-only",
];
for (const flag of flags) setFlagsFromString(flag);
