import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import type { SandboxExchange } from "../../src/sandbox/index.js";
import type { Gateway } from "../helpers/harness.js";

/** Waits (up to `limitMs`, at least a second) until `condition` holds; fails with `what` otherwise. */
export async function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const end = Date.now() + Math.max(1_000, limitMs);
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await sleep(20);
  }
}

/** The list_messages reads of one thread (participant) the server made so far. */
export function threadReads(gateway: Gateway, participant: string): SandboxExchange[] {
  return gateway.requests.filter(
    (r) => r.method === "GET" && r.path === "/quo/v1/messages" && new URLSearchParams(r.search).getAll("participants").includes(participant),
  );
}
