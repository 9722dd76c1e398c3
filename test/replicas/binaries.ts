import { spawnSync } from "node:child_process";

/**
 * The system programs the replica suites run for real. A missing one skips what needs it, with
 * one line saying why; QUO_MCP_REQUIRE_SCALE_SUITE=1 (set by CI, which installs them) turns
 * that into a failure.
 */
export function missing(...names: string[]): string | undefined {
  const absent = names.filter((name) => spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status !== 0);
  if (absent.length === 0) return undefined;
  const reason = `${absent.join(" and ")} not on PATH (apt-get install -y redis-server haproxy)`;
  if (process.env.QUO_MCP_REQUIRE_SCALE_SUITE === "1") throw new Error(`QUO_MCP_REQUIRE_SCALE_SUITE=1 but ${reason}`);
  return reason;
}

export const haproxyMissing = () => missing("haproxy");
export const redisMissing = () => missing("redis-server");
