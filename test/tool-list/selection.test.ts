import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { CLI, call, connect, type Gateway, startGateway, TEST_KEY, type ToolResult, text } from "../helpers/harness.js";

/** What a client sees from tools/list when the server starts with these flags and env. */
async function listed(gateway: Gateway, args: string[], env: Record<string, string> = {}): Promise<Tool[]> {
  const session = await connect({ gateway, args, env });
  try {
    return (await session.client.listTools()).tools;
  } finally {
    await session.close();
  }
}
const names = (tools: Tool[]) => tools.map((t) => t.name).sort();

describe("tool selection", () => {
  let gateway: Gateway;
  let all: Tool[];
  before(async () => {
    gateway = await startGateway();
    all = await listed(gateway, ["--toolsets", "all"]);
  });
  after(() => gateway.close());

  it("serves whole toolsets by flag and by QUO_MCP_TOOLSETS", async () => {
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "tasks,webhooks"])), ["list_webhook_deliveries", "manage_task", "manage_webhook"]);
    assert.deepEqual(names(await listed(gateway, [], { QUO_MCP_TOOLSETS: "conversations" })), ["list_conversations", "update_conversation"]);
    const calls = names(await listed(gateway, ["--toolsets", "calls"]));
    assert.deepEqual(calls, ["get_call", "list_calls", "list_missed_calls"]);
  });

  it("serves single tools with --tools, alone or on top of toolsets", async () => {
    assert.deepEqual(names(await listed(gateway, ["--tools", "list_missed_calls,manage_task"])), ["list_missed_calls", "manage_task"]);
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "tasks", "--tools", "update_conversation"])), ["manage_task", "update_conversation"]);
  });

  it("leaves tools out with --exclude-tools", async () => {
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "calls", "--exclude-tools", "get_call"])), ["list_calls", "list_missed_calls"]);
    const everything = names(all);
    const minus = names(await listed(gateway, ["--toolsets", "all", "--exclude-tools", "manage_webhook,list_conversations"]));
    assert.deepEqual(
      minus,
      everything.filter((n) => n !== "manage_webhook" && n !== "list_conversations"),
    );
  });

  it("serves no write under --read-only or QUO_MCP_READ_ONLY=1, and keeps every read", async () => {
    const reads = names(all.filter((t) => t.annotations?.readOnlyHint === true));
    assert.ok(reads.includes("list_conversations") && reads.includes("list_missed_calls"));
    const mixed = ["manage_connection", "manage_task", "manage_webhook"];
    const readOnly = await listed(gateway, ["--toolsets", "all", "--read-only"]);
    assert.deepEqual(names(readOnly), [...reads, ...mixed].sort());
    for (const tool of readOnly) {
      assert.equal(tool.annotations?.readOnlyHint, true, `${tool.name} is served as a reader`);
      const action = (tool.inputSchema.properties as Record<string, { enum?: string[] }> | undefined)?.action;
      if (mixed.includes(tool.name)) assert.deepEqual(action?.enum, ["list", "get"], `${tool.name} offers only its reads`);
    }
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "conversations,tasks,webhooks"], { QUO_MCP_READ_ONLY: "1" })), [
      "list_conversations",
      "list_webhook_deliveries",
      "manage_task",
      "manage_webhook",
    ]);
    assert.deepEqual(names(await listed(gateway, ["--tools", "update_conversation,list_missed_calls", "--read-only"])), ["list_missed_calls"]);
  });

  it("lets a read-only client list tasks and webhooks and see its connection, and refuses their writes unsent", async () => {
    const session = await connect({ gateway, args: ["--toolsets", "all", "--read-only"] });
    try {
      const tasks = await call(session, "manage_task", { action: "list" });
      assert.equal(tasks.isError, undefined, text(tasks));
      assert.ok(Array.isArray(tasks.structuredContent?.tasks));
      const webhooks = await call(session, "manage_webhook", { action: "list" });
      assert.equal(webhooks.isError, undefined, text(webhooks));
      const connections = await call(session, "manage_connection", { action: "list" });
      assert.equal(connections.isError, undefined, text(connections));
      const before = gateway.requests.length;
      const create = await session.client.callTool({ name: "manage_task", arguments: { action: "create", title: "t", phoneNumber: "+15555550100" } });
      assert.equal(create.isError, true);
      assert.match(text(create as ToolResult), /read-only/);
      assert.equal(gateway.requests.length, before, "nothing was sent");
    } finally {
      await session.close();
    }
  });

  it("keeps writes the everyday job does not need out of the default set", async () => {
    const defaults = names(await listed(gateway, []));
    for (const name of ["list_conversations", "list_missed_calls", "list_calls", "get_call"]) assert.ok(defaults.includes(name), `${name} is a default tool`);
    for (const name of ["update_conversation", "manage_task", "manage_webhook", "manage_contact", "send_individual_messages"])
      assert.ok(!defaults.includes(name), `${name} is not a default tool`);
  });

  it("refuses an unknown toolset or tool by name instead of serving nothing", () => {
    const env = { PATH: process.env.PATH ?? "", MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url };
    const toolset = spawnSync(process.execPath, [CLI, "--toolsets", "task"], { env, encoding: "utf8", input: "" });
    assert.notEqual(toolset.status, 0);
    assert.match(toolset.stderr, /unknown toolset "task".*tasks/s);
    const single = spawnSync(process.execPath, [CLI, "--tools", "manage_tasks"], { env, encoding: "utf8", input: "" });
    assert.notEqual(single.status, 0);
    assert.match(single.stderr, /unknown tool "manage_tasks".*manage_task/s);
    assert.ok(!`${toolset.stdout}${single.stdout}`.includes(TEST_KEY));
  });
});
