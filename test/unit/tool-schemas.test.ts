import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { tool } from "../../src/tools/define.js";
import { readOnlyVariant } from "../../src/tools/read-only.js";

// A tool's schemas are built the first time something asks for them, and only once: a stdio
// server registers every tool but builds the schemas of the ones it is called with.
function probe() {
  const built = { input: 0, output: 0 };
  const definition = tool({
    name: "probe",
    title: "Probe",
    description: "A tool that reads and writes behind an action.",
    toolset: "tasks",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    readActions: { actions: ["get"], description: "A tool that reads." },
    input: () => {
      built.input++;
      return z.object({ action: z.enum(["get", "create"]), id: z.string().optional() });
    },
    output: () => {
      built.output++;
      return { id: z.string().optional() };
    },
    handler: async () => ({}),
  });
  return { definition, built };
}

describe("tool schemas", () => {
  it("are not built by defining the tool or its read-only variant", () => {
    const { definition, built } = probe();
    const variant = readOnlyVariant(definition);
    assert.ok(variant);
    assert.deepEqual(built, { input: 0, output: 0 });
  });

  it("are built once, on first use, and the same schema is returned after", () => {
    const { definition, built } = probe();
    const first = definition.input();
    assert.equal(definition.input(), first);
    assert.equal(definition.output(), definition.output());
    assert.deepEqual(built, { input: 1, output: 1 });
  });

  it("give the read-only variant the base schema narrowed to the reads, built from the same base", () => {
    const { definition, built } = probe();
    const variant = readOnlyVariant(definition);
    assert.ok(variant);
    const narrowed = variant.input();
    assert.equal(variant.input(), narrowed);
    assert.equal(narrowed.safeParse({ action: "get" }).success, true);
    assert.equal(narrowed.safeParse({ action: "create" }).success, false);
    assert.equal(definition.input().safeParse({ action: "create" }).success, true);
    assert.deepEqual(built, { input: 1, output: 0 });
  });
});
