// `npm run test:scale`: the replica suite with real redis-server and haproxy processes. Skips
// with one line when either is missing, unless QUO_MCP_REQUIRE_SCALE_SUITE=1 (CI), which makes
// that a failure. Runs alone (no other test files beside it): it measures pacing.
import { spawnSync } from "node:child_process";

const absent = ["redis-server", "haproxy"].filter((name) => spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status !== 0);
if (absent.length > 0) {
  const reason = `${absent.join(" and ")} not on PATH (apt-get install -y redis-server haproxy)`;
  if (process.env.QUO_MCP_REQUIRE_SCALE_SUITE === "1") {
    process.stderr.write(`scale suite: QUO_MCP_REQUIRE_SCALE_SUITE=1 but ${reason}\n`);
    process.exit(1);
  }
  process.stdout.write(`scale suite skipped: ${reason}\n`);
  process.exit(0);
}
// One node --test per file, in this order: the pacing scenarios first, on a machine no earlier
// file has just loaded (node --test would sort the files by name).
let failed = false;
for (const file of ["test/scale/replicas.scale.ts", "test/scale/inbound-replicas.scale.ts"]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", file], { stdio: "inherit" });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
