// Compares the cold start of several builds side by side: for each, spawn -> tools/list answered,
// spawn -> first list_phone_numbers answered, and the server's resident set 0.5 s after that
// answer (figure 4's first reading), against the loopback stand-in gateway the code-cache
// recording uses. The builds take turns, the order rotating every round, so a busy moment slows
// them all. How the README's figures for each option were measured.
//
// Usage: npm run build -- --outdir /tmp/a   (one folder per variant), then
//        node bench/compare-builds.mjs [--rounds N] /tmp/a /tmp/b ...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { firstCall, startStandInGateway } from "../scripts/code-cache.mjs";
import { nodeNoop } from "./node-start.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const rounds = at >= 0 ? Number(args.splice(at, 2)[1]) : 15;
const builds = args;
if (builds.length === 0) {
  process.stderr.write("usage: node bench/compare-builds.mjs [--rounds N] DIST_DIR...\n");
  process.exit(2);
}

const gateway = await startStandInGateway();
const env = { ...gateway.env, QUO_MCP_LOG_LEVEL: "warn" };

const rssMb = (pid) => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
/** Read once the answer is out and the server has settled, as figure 4 reads it; the times are taken before. */
const afterCall = async (child) => {
  await sleep(500);
  return rssMb(child.pid);
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}`;
const results = builds.map(() => ({ list: [], call: [], rss: [] }));
const noop = [];
for (const dist of builds) await firstCall(join(dist, "cli.js"), { env });
for (let round = 0; round < rounds; round++) {
  noop.push(await nodeNoop());
  for (let k = 0; k < builds.length; k++) {
    const which = (k + round) % builds.length;
    const { list, call, after } = await firstCall(join(builds[which], "cli.js"), { env, afterCall });
    results[which].list.push(list);
    results[which].call.push(call);
    results[which].rss.push(after);
  }
}
gateway.close();
process.stdout.write(`node -e "": ${median(noop).toFixed(1)} ms (median of ${rounds})\n`);
for (const [k, dist] of builds.entries()) {
  const { list, call, rss } = results[k];
  process.stdout.write(
    `${dist.padEnd(32)} tools/list ${median(list).toFixed(1)} ms, first call ${median(call).toFixed(1)} ms, RSS after it ${median(rss).toFixed(2)} MB (${range(rss)})\n`,
  );
}
