import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { useSession } from "../helpers/harness.js";

const snapshots = new URL("../snapshots/tools/", import.meta.url);

describe("tools/list", () => {
  const live = useSession({ args: ["--toolsets", "all"] });
  let tools: Tool[];
  before(async () => {
    tools = (await live.session.client.listTools()).tools;
  });

  it("serves the six tools clients and skills depend on, plus get_call", () => {
    const names = tools.map((t) => t.name);
    for (const name of ["send_message", "list_messages", "list_calls", "list_phone_numbers", "list_users", "manage_connection", "get_call"]) {
      assert.ok(names.includes(name), `${name} is missing from ${names.join(", ")}`);
    }
  });

  it("gives every tool a title, a description, an output schema and all four annotations", () => {
    for (const tool of tools) {
      assert.ok(tool.title && tool.title.length > 5, `${tool.name} has no title`);
      assert.ok(tool.description && tool.description.length > 40, `${tool.name} has a thin description`);
      assert.equal(tool.outputSchema?.type, "object", `${tool.name} has no output schema`);
      const a = tool.annotations ?? {};
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        assert.equal(typeof a[hint], "boolean", `${tool.name} leaves ${hint} unset`);
      }
    }
  });

  it("marks reads read-only and send_message as a destructive, non-idempotent write", () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ["list_messages", "list_calls", "list_phone_numbers", "list_users", "get_call"]) {
      assert.equal(byName.get(name)?.annotations?.readOnlyHint, true, name);
      assert.equal(byName.get(name)?.annotations?.destructiveHint, false, name);
    }
    assert.deepEqual(byName.get("send_message")?.annotations, { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
    assert.equal(byName.get("manage_connection")?.annotations?.readOnlyHint, false);
  });

  it("matches the reviewed schema snapshot of every tool, with none missing and none left over (UPDATE_SNAPSHOTS=1 rewrites them)", () => {
    const problems = compareSnapshots(tools, snapshots, process.env.UPDATE_SNAPSHOTS === "1");
    assert.deepEqual(problems, []);
  });
});

/**
 * Compares each tool with its reviewed snapshot. Nothing is written unless `update` is set:
 * a missing snapshot is a failure (a new tool's schema is reviewed like a changed one), and so
 * is a snapshot of a tool that no longer exists. Returns what is wrong, one line a problem.
 */
export function compareSnapshots(tools: Tool[], folder: URL, update: boolean): string[] {
  const problems: string[] = [];
  const names = new Set(tools.map((t) => t.name));
  if (update) mkdirSync(folder, { recursive: true });
  for (const tool of tools) {
    const file = new URL(`${tool.name}.json`, folder);
    const current = `${JSON.stringify(tool, null, 2)}\n`;
    if (update) writeFileSync(file, current);
    else if (!existsSync(file)) problems.push(`no snapshot for ${tool.name}: review its schema, then UPDATE_SNAPSHOTS=1 npm test and commit test/snapshots`);
    else if (current !== readFileSync(file, "utf8")) problems.push(`${tool.name} changed: review the diff, then UPDATE_SNAPSHOTS=1 npm test`);
  }
  const stored = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".json")) : [];
  for (const orphan of stored.filter((f) => !names.has(f.slice(0, -".json".length)))) {
    if (update) unlinkSync(new URL(orphan, folder));
    else problems.push(`snapshot ${orphan} belongs to no tool: delete it (UPDATE_SNAPSHOTS=1 npm test does)`);
  }
  return problems;
}

describe("the snapshot comparison", () => {
  it("fails on a missing or orphaned snapshot and writes nothing unless asked", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { pathToFileURL } = await import("node:url");
    const dir = mkdtempSync(join(tmpdir(), "quo-snapshots-"));
    try {
      const folder = new URL(`${pathToFileURL(dir).href}/`);
      const tool = { name: "kept", inputSchema: { type: "object" } } as Tool;
      writeFileSync(new URL("gone.json", folder), "{}\n");
      const problems = compareSnapshots([tool], folder, false);
      assert.equal(problems.length, 2, problems.join("\n"));
      assert.match(problems.join("\n"), /no snapshot for kept/);
      assert.match(problems.join("\n"), /gone\.json belongs to no tool/);
      assert.deepEqual(readdirSync(dir), ["gone.json"], "a comparison without UPDATE_SNAPSHOTS writes nothing");
      assert.deepEqual(compareSnapshots([tool], folder, true), []);
      assert.deepEqual(readdirSync(dir), ["kept.json"], "an update writes the missing one and removes the orphan");
      assert.deepEqual(compareSnapshots([tool], folder, false), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
