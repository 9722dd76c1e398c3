import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { createLogger } from "../../src/logger.js";
import type { Services, ToolDefinition } from "../../src/tools/define.js";
import { runTool } from "../../src/tools/run.js";

// A tool call answers by its deadline or on the client's cancellation even when its handler
// never settles, and a write whose handler ignored the abort is reported as of unknown outcome.
const never = () => new Promise<never>(() => {});

function services(deadlineMs: number): Services {
  return { config: { deadlineMs, sandbox: false }, logger: createLogger("silent") } as unknown as Services;
}

function tool(readOnlyHint: boolean, handler: ToolDefinition["handler"]): ToolDefinition {
  return {
    name: "probe",
    title: "probe",
    description: "probe",
    toolset: "numbers",
    annotations: { readOnlyHint },
    input: () => z.object({}),
    output: () => ({}),
    handler,
  } as unknown as ToolDefinition;
}

function errorOf(result: { structuredContent?: Record<string, unknown>; isError?: boolean }) {
  assert.equal(result.isError, true);
  return result.structuredContent?.error as { kind: string; message: string };
}

describe("runTool when the call is aborted", { timeout: 10_000 }, () => {
  // The deadline's timer does not hold the process open (a server has its own handles); here
  // something must, or the test would end before the call answers.
  let alive: NodeJS.Timeout;
  before(() => {
    alive = setInterval(() => {}, 1000);
  });
  after(() => clearInterval(alive));

  it("answers a read whose handler ignores the deadline with the deadline's timeout", async () => {
    const result = await runTool(tool(true, never), {}, services(20), { signal: new AbortController().signal });
    const error = errorOf(result);
    assert.equal(error.kind, "timeout");
  });

  it("reports a write whose handler ignores the deadline as of unknown outcome", async () => {
    const result = await runTool(tool(false, never), {}, services(20), { signal: new AbortController().signal });
    const error = errorOf(result);
    assert.equal(error.kind, "unknown_outcome");
    assert.match(error.message, /may or may not have been carried out/);
  });

  it("lets a handler that answers within the grace after the abort say what happened", async () => {
    const handler = (_args: unknown, ctx: { signal: AbortSignal }) =>
      new Promise((_, reject) => ctx.signal.addEventListener("abort", () => setTimeout(() => reject(new Error("own words")), 5)));
    const result = await runTool(tool(true, handler as ToolDefinition["handler"]), {}, services(20), { signal: new AbortController().signal });
    assert.equal(errorOf(result).kind, "timeout", "an error the abort caused is named as the deadline");
  });

  it("answers at once with a cancellation when the client cancels", async () => {
    const client = new AbortController();
    const running = runTool(tool(true, never), {}, services(120_000), { signal: client.signal });
    client.abort("cancelled by the client");
    assert.equal(errorOf(await running).kind, "cancelled");
  });

  it("returns the handler's answer when nothing aborts", async () => {
    const result = await runTool(
      tool(true, async () => ({ ok: "yes" })),
      {},
      services(120_000),
      { signal: new AbortController().signal },
    );
    assert.deepEqual(result.structuredContent, { ok: "yes" });
  });
});
