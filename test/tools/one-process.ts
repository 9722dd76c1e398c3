// Every tool's test file, loaded into one test process. Each file alone pays for its own start
// (tsx, zod, the SDK, the sandbox: about a second of CPU) to run half a second of tests; test/run.mjs
// and `npm run test:tools` run this instead. Any one file still runs on its own with `node --test`.
import { readdirSync } from "node:fs";

const here = new URL(".", import.meta.url);
for (const file of readdirSync(here)
  .filter((name) => name.endsWith(".test.ts"))
  .sort()) {
  await import(new URL(file, here).href);
}
