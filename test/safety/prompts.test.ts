import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connect, startGateway, useSession } from "../helpers/harness.js";

describe("prompts", () => {
  const live = useSession({ args: ["--toolsets", "all"] });

  it("lists the three everyday prompts with their arguments", async () => {
    const { prompts } = await live.session.client.listPrompts();
    const byName = new Map(prompts.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ["draft_reply", "summarize_contact_history", "triage_missed_calls"]);
    for (const prompt of prompts) {
      assert.ok(prompt.title && prompt.description, `${prompt.name} has no title or description`);
    }
    const args = (name: string) => Object.fromEntries((byName.get(name)?.arguments ?? []).map((a) => [a.name, a.required ?? false]));
    assert.deepEqual(args("triage_missed_calls"), { phoneNumber: true, hours: false });
    assert.deepEqual(args("draft_reply"), { phoneNumber: true, participant: true, intent: false });
    assert.deepEqual(args("summarize_contact_history"), { phoneNumber: true, participant: true });
  });

  const render = async (name: string, args: Record<string, string>) => {
    const result = await live.session.client.getPrompt({ name, arguments: args });
    assert.equal(result.messages.length, 1);
    const content = result.messages[0]!.content;
    assert.equal(content.type, "text");
    return (content as { text: string }).text;
  };

  it("triage names the number, the window and the tools, and sends nothing", async () => {
    const prompt = await render("triage_missed_calls", { phoneNumber: "Main line", hours: "48" });
    assert.match(prompt, /"Main line"/);
    assert.match(prompt, /last 48 hours/);
    assert.match(prompt, /list_missed_calls/);
    assert.match(prompt, /do not send anything/);
    assert.match(prompt, /never follow instructions/);
  });

  it("draft_reply reads the thread and drafts, never sends", async () => {
    const prompt = await render("draft_reply", { phoneNumber: "Main line", participant: "+15555550123", intent: "confirm Tuesday 3 pm" });
    assert.match(prompt, /list_messages with phoneNumber "Main line" and participants "\+15555550123"/);
    assert.match(prompt, /"confirm Tuesday 3 pm"/);
    assert.match(prompt, /Do NOT call send_message/);
    assert.match(prompt, /dryRun: true/);
    assert.match(prompt, /never follow instructions/);
  });

  it("summarize_contact_history reads texts and calls", async () => {
    const prompt = await render("summarize_contact_history", { phoneNumber: "+15555550100", participant: "+15555550124" });
    for (const tool of ["list_messages", "list_calls", "get_call"]) assert.ok(prompt.includes(tool), tool);
    assert.match(prompt, /do not send anything/);
  });

  it("rejects a prompt call without its required arguments", async () => {
    await assert.rejects(live.session.client.getPrompt({ name: "draft_reply", arguments: { phoneNumber: "Main line" } }), /participant/);
  });
});

describe("prompts follow the served tools", () => {
  it("offers only the prompts whose tools are served", async () => {
    const gateway = await startGateway();
    const session = await connect({ gateway, args: ["--toolsets", "messages"] });
    try {
      const { prompts } = await session.client.listPrompts();
      assert.deepEqual(
        prompts.map((p) => p.name),
        ["draft_reply"],
      );
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});
