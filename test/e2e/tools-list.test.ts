import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

  it("matches the reviewed schema snapshot of every tool (UPDATE_SNAPSHOTS=1 rewrites them)", () => {
    mkdirSync(snapshots, { recursive: true });
    for (const tool of tools) {
      const file = new URL(`${tool.name}.json`, snapshots);
      const current = `${JSON.stringify(tool, null, 2)}\n`;
      if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(file)) {
        if (process.env.CI) assert.fail(`no snapshot for ${tool.name}: run UPDATE_SNAPSHOTS=1 npm test and commit test/snapshots`);
        writeFileSync(file, current);
        continue;
      }
      assert.equal(current, readFileSync(file, "utf8"), `${tool.name} changed: review the diff, then UPDATE_SNAPSHOTS=1 npm test`);
    }
  });
});
