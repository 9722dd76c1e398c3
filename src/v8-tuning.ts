// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Each flag below is one V8 reads while running, so it
// takes effect from when it is set: src/load-server.ts sets them before the server loads, after
// the fast start (which loading node:v8 would slow) has answered. The code cache recorded at
// build time is tied to these flags. The effect of each is measured by `npm run bench`, figure 4.
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
/** Sets the flags. node:v8 is imported here, not above, so that the fast start never loads it. */
export async function tuneV8(): Promise<void> {
  const { setFlagsFromString } = await import("node:v8");
  for (const flag of flags) setFlagsFromString(flag);
}
