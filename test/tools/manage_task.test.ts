import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, text } from "../helpers/harness.js";
import { refusedFor, useInProcess } from "../helpers/in-process.js";

type Task = {
  id: string;
  title?: string;
  description?: string;
  done?: boolean;
  due?: string;
  assignedTo?: string;
  conversationId?: string;
  revision?: string;
  createdBy?: string;
};

describe("manage_task", () => {
  const s = useInProcess({ toolsets: ["tasks"] });
  const stored = (id: string) => s.gateway.sandbox.workspace(TEST_KEY).tasks.find((t) => t.taskId === id)!;
  const ok = async (args: Record<string, unknown>) => {
    const result = await s.call("manage_task", args);
    assert.equal(result.isError, undefined, `${String(args.action)}: ${text(result)}`);
    return result.structuredContent as { task?: Task; tasks?: Task[]; deleted?: string; nextPageToken?: string };
  };

  it("lists tasks compactly, pages, and reads one verbosely", async () => {
    const first = await ok({ action: "list", maxResults: 2 });
    assert.equal(first.tasks?.length, 2);
    assert.equal(first.tasks?.[0]?.revision, undefined, "revision only with verbose");
    const rest = await ok({ action: "list", maxResults: 2, pageToken: first.nextPageToken });
    const ids = [...(first.tasks ?? []), ...(rest.tasks ?? [])].map((t) => t.id);
    assert.deepEqual(new Set(ids), new Set(Object.values(SEED.tasks)));
    const one = await ok({ action: "get", id: SEED.tasks.done, verbose: true });
    assert.equal(one.task?.done, true);
    assert.equal(one.task?.title, "Fix tracking page for Erin");
    assert.equal(one.task?.createdBy, SEED.users.member.id);
  });

  it("creates a task on a number named as the person knows it, on a conversation, and on a call", async () => {
    const onNumber = await ok({
      action: "create",
      title: "Call back Gina",
      description: "Office cleaning quote",
      phoneNumber: "Main line",
      dueDate: "2030-01-02T09:00:00+01:00",
      userId: SEED.users.admin.id,
    });
    const created = stored(onNumber.task!.id);
    assert.equal(created.phoneNumberId, SEED.numbers.main.id);
    assert.equal(created.dueDate, "2030-01-02T08:00:00.000Z", "the due date is sent in UTC");
    assert.equal(created.assignedTo, SEED.users.admin.id);
    const onConversation = await ok({ action: "create", title: "Send Bob the invoice", conversationId: SEED.conversations.bob.id });
    assert.equal(onConversation.task?.conversationId, SEED.conversations.bob.id);
    assert.equal(stored(onConversation.task!.id).description, "", "a missing description is sent empty");
    const onCall = await ok({ action: "create", title: "Review the call", description: "See summary", activityId: SEED.calls.withArtifacts });
    assert.equal(stored(onCall.task!.id).activityId, SEED.calls.withArtifacts);
  });

  it("runs every change on one task, each reaching Quo", async () => {
    const id = SEED.tasks.quote;
    await ok({ action: "update", id, title: "Follow up on Bob's water heater quote" });
    assert.equal(stored(id).title, "Follow up on Bob's water heater quote");
    assert.equal(stored(id).description, "He has had the quote since yesterday.", "update keeps the field not given");
    await ok({ action: "update", id, description: "Call, then text." });
    assert.equal(stored(id).description, "Call, then text.");
    await ok({ action: "complete", id });
    assert.equal(stored(id).completed, true);
    await ok({ action: "reopen", id });
    assert.equal(stored(id).completed, false);
    await ok({ action: "assign", id, userId: SEED.users.member.id });
    assert.equal(stored(id).assignedTo, SEED.users.member.id);
    await ok({ action: "unassign", id, userId: SEED.users.member.id });
    assert.equal(stored(id).assignedTo, null);
    await ok({ action: "link_conversation", id, conversationId: SEED.conversations.group.id });
    assert.equal(stored(id).conversationId, SEED.conversations.group.id);
    await ok({ action: "unlink_conversation", id, conversationId: SEED.conversations.group.id });
    assert.equal(stored(id).conversationId, null);
    await ok({ action: "change_due_date", id, dueDate: "2030-03-01T12:00:00Z" });
    assert.equal(stored(id).dueDate, "2030-03-01T12:00:00.000Z");
    const last = await ok({ action: "remove_due_date", id });
    assert.equal(stored(id).dueDate, null);
    assert.equal(last.task?.id, id);
    assert.equal(last.task?.revision, stored(id).revision);
  });

  it("deletes a task", async () => {
    const result = await ok({ action: "delete", id: SEED.tasks.callback });
    assert.equal(result.deleted, SEED.tasks.callback);
    assert.equal(stored(SEED.tasks.callback).isDeleted, true);
    const gone = await s.call("manage_task", { action: "get", id: SEED.tasks.callback });
    assert.equal(gone.isError, true);
  });

  it("sends each step as its own POST to the task, and nothing else", async () => {
    const from = s.gateway.requests.length;
    await ok({ action: "complete", id: SEED.tasks.quote });
    await ok({ action: "change_due_date", id: SEED.tasks.quote, dueDate: "2030-04-01T12:00:00+02:00" });
    const sent = s.requestsSince(from);
    assert.deepEqual(
      sent.map((r) => `${r.method} ${r.path}`),
      [`POST /quo/v1/tasks/${SEED.tasks.quote}/complete`, `POST /quo/v1/tasks/${SEED.tasks.quote}/change-due-date`],
    );
    assert.deepEqual(sent[1]?.requestBody, { dueDate: "2030-04-01T10:00:00.000Z" }, "the due date is sent in UTC");
  });

  it("says which argument an action lacks, and sends nothing", async () => {
    const before = s.gateway.requests.length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ action: "complete" }, "id", /required for action "complete"/],
      [{ action: "assign", id: SEED.tasks.quote }, "userId", /required for action "assign"/],
      [{ action: "create", title: "x" }, "phoneNumber", /exactly one of phoneNumber, conversationId or activityId/],
      [{ action: "create", title: "x", phoneNumber: "Main line", conversationId: SEED.conversations.bob.id }, "phoneNumber", /exactly one/],
      [{ action: "create", phoneNumber: "Main line" }, "title", /required/],
      [{ action: "update", id: SEED.tasks.quote }, "title", /title or a description/],
      [{ action: "change_due_date", id: SEED.tasks.quote, dueDate: "next week" }, "dueDate", /ISO 8601/],
      [{ action: "archive", id: SEED.tasks.quote }, "action", /remove_due_date/],
      [{ action: "get", id: "WH123" }, "id", /TK/],
    ];
    for (const [args, argument, message] of cases) refusedFor(await s.call("manage_task", args), argument, message);
    assert.equal(s.gateway.requests.length, before);
  });

  it("tells the model to fix a task id Quo does not know", async () => {
    const result = await s.call("manage_task", { action: "get", id: "TKnosuchtask" });
    assert.equal(result.isError, true);
    assert.equal((result.structuredContent?.error as { remedy: string }).remedy, "fix_arguments");
  });
});
