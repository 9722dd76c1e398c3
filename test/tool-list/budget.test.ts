import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { connect, type Gateway, startGateway } from "../helpers/harness.js";

/**
 * A model holds every tool definition in context on every turn: the count and the JSON size
 * of tools/list are budgets, checked here and printed so a change shows its cost.
 */
const budgets = {
  all: { args: ["--toolsets", "all"], tools: 22, chars: 24_000 },
  default: { args: [] as string[], tools: 12, chars: 12_000 },
};

describe("tool budgets", () => {
  let gateway: Gateway;
  const measured: Record<string, Tool[]> = {};
  before(async () => {
    gateway = await startGateway();
    for (const [name, budget] of Object.entries(budgets)) {
      const session = await connect({ gateway, args: budget.args });
      measured[name] = (await session.client.listTools()).tools;
      await session.close();
    }
  });
  after(() => gateway.close());

  for (const [name, budget] of Object.entries(budgets)) {
    it(`keeps the ${name} set within ${budget.tools} tools and ${budget.chars} characters`, () => {
      const tools = measured[name] as Tool[];
      const chars = JSON.stringify(tools).length;
      const sizes = tools.map((t) => ({ name: t.name, chars: JSON.stringify(t).length })).sort((a, b) => b.chars - a.chars);
      const table = sizes.map((t) => `   ${t.name.padEnd(26)} ${String(t.chars).padStart(6)}`).join("\n");
      process.stdout.write(`${name} set: ${tools.length}/${budget.tools} tools, ${chars}/${budget.chars} chars\n${table}\n`);
      assert.ok(tools.length <= budget.tools, `${name} set has ${tools.length} tools (budget ${budget.tools})`);
      const largest = sizes
        .slice(0, 3)
        .map((t) => `${t.name} ${t.chars}`)
        .join(", ");
      assert.ok(chars <= budget.chars, `${name} set's tools/list is ${chars} characters (budget ${budget.chars}); largest: ${largest}`);
    });
  }
});
