import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { call, type ToolResult, useSession } from "../helpers/harness.js";

const alice = SEED.contacts.alice.number;
const main = SEED.numbers.main.id;

type ArgumentErrorPart = {
  kind: string;
  remedy: string;
  argument: string;
  message: string;
  next: string;
  problems: { argument: string; message: string; suggestion?: string }[];
};
const errorOf = (result: ToolResult) => result.structuredContent?.error as ArgumentErrorPart;

/**
 * Arguments are checked by the server itself, the same way on every tool, so a schema failure
 * and an unknown name come back as the structured argument error every other refusal uses,
 * never as the SDK's bare "-32602" text, and a typo never silently changes what a call does.
 */
describe("argument checking", () => {
  const live = useSession({ args: ["--toolsets", "all"] });
  const posts = () => live.gateway.requests.filter((r) => r.method !== "GET").length;

  it("refuses a mistyped dryRun by name, suggests the right one, and sends nothing", async () => {
    const before = posts();
    const result = await call(live.session, "send_message", { from: main, to: alice, content: "Hello", dryrun: true });
    assert.equal(result.isError, true);
    const error = errorOf(result);
    assert.equal(error.kind, "invalid_arguments");
    assert.equal(error.remedy, "fix_arguments");
    assert.equal(error.argument, "dryrun");
    assert.equal(error.problems[0]?.suggestion, "dryRun");
    assert.match(error.message, /did you mean "dryRun"/);
    assert.match(error.next, /"dryRun" instead of "dryrun"/);
    assert.equal(posts(), before, "nothing was sent");
  });

  it("refuses an unknown name on every tool, even a read, listing what the tool takes when nothing is close", async () => {
    const tools = (await live.session.client.listTools()).tools;
    for (const tool of tools) {
      const result = await call(live.session, tool.name, { zzzUnheardOf: 1 });
      const error = errorOf(result);
      assert.equal(result.isError, true, tool.name);
      assert.equal(error?.kind, "invalid_arguments", tool.name);
      assert.equal(error.argument, "zzzUnheardOf", tool.name);
      assert.equal(error.problems.find((p) => p.argument === "zzzUnheardOf")?.suggestion, undefined, tool.name);
    }
    const listed = errorOf(await call(live.session, "list_users", { zzzUnheardOf: 1 }));
    assert.match(listed.message, /this tool takes id, maxResults, pageToken/);
  });

  it("reports a schema failure in the same shape, naming the argument, with no SDK error text", async () => {
    const before = posts();
    const result = await call(live.session, "send_message", { from: main, content: "Hello" });
    assert.equal(result.isError, true);
    const error = errorOf(result);
    assert.equal(error.kind, "invalid_arguments");
    assert.equal(error.argument, "to");
    assert.equal(error.remedy, "fix_arguments");
    assert.ok(error.next);
    const text = (result.content[0] as { text: string }).text;
    assert.doesNotMatch(text, /-32602|Input validation error/);
    assert.deepEqual(JSON.parse(text), result.structuredContent);
    assert.equal(posts(), before);
  });

  it("names every problem at once: an unknown name and a bad value", async () => {
    const error = errorOf(await call(live.session, "list_users", { maxResult: 5, maxResults: 0 }));
    assert.deepEqual(
      error.problems.map((p) => p.argument),
      ["maxResult", "maxResults"],
    );
    assert.equal(error.problems[0]?.suggestion, "maxResults");
  });

  it("names a lone value given for a list by its argument, not its index", async () => {
    const error = errorOf(await call(live.session, "send_message", { from: main, to: "call me", content: "hi" }));
    assert.equal(error.argument, "to");
  });

  it("takes a lone number where a list is published, and a phone number sent as a JSON number", async () => {
    const lone = await call(live.session, "send_message", { from: main, to: alice, content: "Hello", dryRun: true });
    assert.equal(lone.isError, undefined, JSON.stringify(lone.structuredContent));
    assert.deepEqual(lone.structuredContent?.to, [alice]);
    const national = Number(alice.replace(/^\+1/, ""));
    const numeric = await call(live.session, "send_message", { from: main, to: national, content: "Hello", dryRun: true });
    assert.equal(numeric.isError, undefined, JSON.stringify(numeric.structuredContent));
    assert.deepEqual(numeric.structuredContent?.to, [alice]);
    const inList = await call(live.session, "send_message", { from: main, to: [national], content: "Hello", dryRun: true });
    assert.deepEqual(inList.structuredContent?.to, [alice]);
  });

  it("refuses arguments that are not an object", async () => {
    const result = await live.session.client.callTool({ name: "list_users", arguments: ["x"] as unknown as Record<string, unknown> }).catch((e: Error) => e);
    // A client may refuse to send it at all; if it is sent, the answer is the structured error.
    if (!(result instanceof Error)) assert.equal(errorOf(result as ToolResult).kind, "invalid_arguments");
  });

  it("clears a contact's name with an empty string, as single-type clients can send", async () => {
    const created = await call(live.session, "manage_contact", { action: "create", firstName: "Grace", lastName: "Hopper" });
    const id = (created.structuredContent?.contact as { id: string }).id;
    const updated = await call(live.session, "manage_contact", { action: "update", id, lastName: "" });
    assert.equal(updated.isError, undefined, JSON.stringify(updated.structuredContent));
    const body = live.gateway.requests.filter((r) => r.method === "PATCH").at(-1)?.requestBody as { defaultFields?: { lastName?: unknown } };
    assert.equal(body?.defaultFields?.lastName, null);
  });
});
