// Runs every test file with node's own test runner. Node 20 has no glob support in
// `node --test`, so the files are collected here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : collect(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const only = process.argv.slice(2);
// The in-process tool tests share one process (see test/tools/one-process.ts).
const files =
  only.length > 0 ? only : [...collect("test").filter((file) => dirname(file) !== join("test", "tools")), join("test", "tools", "one-process.ts")].sort();
// Every test process records the Quo operations it saw answered here (see startGateway).
const contractDir = mkdtempSync(join(tmpdir(), "quo-mcp-contract-"));
const run = (testFiles) =>
  spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...testFiles], {
    stdio: "inherit",
    env: { ...process.env, QUO_MCP_CONTRACT_DIR: contractDir },
  }).status ?? 1;
let status = run(files);
// The coverage gate only means something after the whole suite.
if (only.length === 0) status = run(["test/contract/coverage.check.ts"]) || status;
rmSync(contractDir, { recursive: true, force: true });
process.exit(status);
