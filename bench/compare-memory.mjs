// Compares the memory of several builds side by side: for each, the resident set of a stdio server
// 0.5 s after it answered its first call (figure 4's first reading), against the loopback
// stand-in gateway the code-cache recording uses. The builds take turns, the order rotating every
// round. How the README's memory figures for each option were measured.
//
// Usage: npm run build -- --outdir /tmp/a   (one folder per variant), then
//        node bench/compare-memory.mjs [--rounds N] /tmp/a /tmp/b ...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { firstCall, startStandInGateway } from "../scripts/code-cache.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const rounds = at >= 0 ? Number(args.splice(at, 2)[1]) : 12;
const builds = args;
if (builds.length === 0) {
  process.stderr.write("usage: node bench/compare-memory.mjs [--rounds N] DIST_DIR...\n");
  process.exit(2);
}

const gateway = await startStandInGateway();
const env = { ...gateway.env, QUO_MCP_LOG_LEVEL: "silent" };
const rssMb = (pid) => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
const afterCall = async (child) => {
  await sleep(500);
  return rssMb(child.pid);
};

const readings = builds.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < builds.length; k++) {
    const which = (k + round) % builds.length;
    const { after } = await firstCall(join(builds[which], "cli.js"), { env, afterCall });
    readings[which].push(after);
  }
}
gateway.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
process.stdout.write(`RSS 0.5 s after the first call, MB (${rounds} starts each)\n`);
builds.forEach((dist, i) => {
  const mb = readings[i];
  process.stdout.write(
    `${dist.padEnd(32)} median ${median(mb).toFixed(2)} (${Math.min(...mb).toFixed(2)}-${Math.max(...mb).toFixed(2)}): ${mb.map((x) => x.toFixed(1)).join(" ")}\n`,
  );
});
