import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { CLI, type Gateway, TEST_KEY, connect, startGateway } from "../helpers/harness.js";

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
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "tasks,webhooks"])), ["manage_task", "manage_webhook"]);
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
    assert.deepEqual(minus, everything.filter((n) => n !== "manage_webhook" && n !== "list_conversations"));
  });

  it("registers no tool that writes under --read-only or QUO_MCP_READ_ONLY=1", async () => {
    const reads = names(all.filter((t) => t.annotations?.readOnlyHint === true));
    assert.ok(reads.includes("list_conversations") && reads.includes("list_missed_calls"));
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "all", "--read-only"])), reads);
    assert.deepEqual(names(await listed(gateway, ["--toolsets", "conversations,tasks,webhooks"], { QUO_MCP_READ_ONLY: "1" })), ["list_conversations"]);
    assert.deepEqual(names(await listed(gateway, ["--tools", "manage_task,list_missed_calls", "--read-only"])), ["list_missed_calls"]);
  });

  it("keeps writes the everyday job does not need out of the default set", async () => {
    const defaults = names(await listed(gateway, []));
    for (const name of ["list_conversations", "list_missed_calls", "list_calls", "get_call"]) assert.ok(defaults.includes(name), `${name} is a default tool`);
    for (const name of ["update_conversation", "manage_task", "manage_webhook", "manage_contact", "send_individual_messages"]) assert.ok(!defaults.includes(name), `${name} is not a default tool`);
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
