import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { call, connect, type Session, startGateway } from "../helpers/harness.js";

/** What a client learns from initialize and tools/list. */
async function firstImpression(session: Session) {
  const { client } = session;
  return {
    capabilities: client.getServerCapabilities(),
    version: client.getServerVersion(),
    instructions: client.getInstructions(),
    tools: (await client.listTools()).tools,
  };
}

describe("fast start", () => {
  const selections: [string, string[]][] = [
    ["the default set", []],
    ["every toolset", ["--toolsets", "all"]],
    ["read-only", ["--toolsets", "all", "--read-only"]],
    ["single tools, which offer no prompts", ["--tools", "list_users,list_phone_numbers"]],
  ];
  for (const [what, args] of selections) {
    it(`answers initialize and tools/list exactly as the full server does, for ${what}`, async () => {
      const fast = await connect({ args: ["--sandbox", ...args] });
      const full = await connect({ args: ["--sandbox", ...args], env: { QUO_MCP_NO_FAST_START: "1" } });
      try {
        const [a, b] = await Promise.all([firstImpression(fast), firstImpression(full)]);
        assert.deepEqual(a, b);
        assert.ok(a.tools.length > 0);
      } finally {
        await Promise.all([fast.close(), full.close()]);
      }
    });
  }

  it("hands over to the full server: calls, prompts and the client's capabilities all reach it", async () => {
    const gateway = await startGateway();
    const session = await connect({ gateway });
    try {
      const [numbers, users] = await Promise.all([call(session, "list_phone_numbers"), call(session, "list_users", { maxResults: 1 })]);
      assert.equal(numbers.isError, undefined);
      assert.equal((users.structuredContent?.users as unknown[]).length, 1);
      const { prompts } = await session.client.listPrompts();
      assert.ok(prompts.length > 0);
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});
