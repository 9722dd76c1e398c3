import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY } from "../helpers/harness.js";
import { errorOf, type InProcessOptions, ok, refusedFor, startInProcess, useInProcess } from "../helpers/in-process.js";

const CV = SEED.conversations;

describe("update_conversation", () => {
  const s = useInProcess({ toolsets: ["conversations"] });

  it("marks a conversation read, done and open again, each reaching Quo", async () => {
    const inbox = s.gateway.sandbox.workspace(TEST_KEY).inbox;
    for (const action of ["read", "done", "open"] as const) {
      const result = ok(await s.call("update_conversation", { id: CV.bob.id, action }));
      assert.equal(result.action, action);
      assert.equal((result.conversation as { id: string }).id, CV.bob.id);
    }
    assert.deepEqual(inbox.get(CV.bob.id), { status: "open", read: true });
    ok(await s.call("update_conversation", { id: CV.group.id, action: "done" }));
    assert.equal(inbox.get(CV.group.id)?.status, "done");
  });

  it("names the accepted actions and the id form when they are wrong, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("update_conversation", { id: CV.bob.id, action: "archive" }), "action", /read, done, open/);
    refusedFor(await s.call("update_conversation", { id: "bob", action: "read" }), "id", /CN/);
    assert.equal(s.gateway.requests.length, from);
  });

  it("says a conversation Quo does not know is not found", async () => {
    const error = errorOf(await s.call("update_conversation", { id: "CNnope0000", action: "read" }));
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
  });
});

describe("update_conversation selection", () => {
  it("is served only when asked for, and never under --read-only", async () => {
    assert.ok(!(await toolNames({})).includes("update_conversation"));
    assert.deepEqual(await toolNames({ toolsets: ["conversations"], readOnly: true }), ["list_conversations"]);
  });
});

async function toolNames(options: InProcessOptions): Promise<string[]> {
  const session = await startInProcess(options);
  try {
    return (await session.client.listTools()).tools.map((t) => t.name);
  } finally {
    await session.close();
  }
}
