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
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "test/scale/replicas.scale.ts", "test/scale/inbound-replicas.scale.ts"],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
