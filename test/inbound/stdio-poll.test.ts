import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { completeArtifacts, receiveMessage } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { assertResultShape, call, connect, type Gateway, type Session, startGateway, TEST_KEY, text } from "../helpers/harness.js";
import { threadReads, until } from "./helpers.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const bob = SEED.contacts.bob.number;
const riley = "+15555550140";

type Reply = { messages: { id: string; in: string; from?: string }[]; timedOut: boolean; hint?: string; untrusted?: string };

/** End to end over stdio: no webhook, so waits poll list_messages through the sandbox gateway. */
describe("wait_for_reply over stdio (polling)", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo contract");
  });

  it("is in the default tool set, read-only", async () => {
    const { tools } = await session.client.listTools();
    const tool = tools.find((t) => t.name === "wait_for_reply");
    assert.ok(tool, "wait_for_reply is served by default");
    assert.equal(tool.annotations?.readOnlyHint, true);
  });

  it("returns a reply that arrives while it waits, marked untrusted", async () => {
    const before = threadReads(gateway, alice).length;
    const waiting = call(session, "wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 20 });
    // The watcher's first read is the baseline: the reply must come after it.
    await until(() => threadReads(gateway, alice).length > before, "the watcher read the thread");
    const sent = receiveMessage(gateway.sandbox.workspace(TEST_KEY), { from: alice, phoneNumber: main.id, text: "Yes, Thursday at 3 works" });
    const result = await waiting;
    assert.equal(result.isError, undefined, text(result));
    const reply = result.structuredContent as Reply;
    assert.equal(reply.timedOut, false);
    assert.deepEqual(
      reply.messages.map((m) => [m.id, m.in]),
      [[sent.id, "Yes, Thursday at 3 works"]],
    );
    assert.match(String(reply.untrusted), /untrusted|never instructions/);
  });

  it("hears a sandbox responder answer a text, after the message it was sent", async () => {
    const sent = await call(session, "send_message", { from: main.id, to: riley, content: "Can you confirm the booking?" });
    assert.equal(sent.isError, undefined, text(sent));
    const sentId = (sent.structuredContent as { message?: { id: string }; id?: string }).message?.id ?? (sent.structuredContent as { id?: string }).id;
    assert.ok(sentId, `send_message returned the message id: ${text(sent)}`);
    const result = await call(session, "wait_for_reply", { phoneNumber: main.number, participants: [riley], after: sentId, timeoutSeconds: 20 });
    const reply = result.structuredContent as Reply;
    assert.equal(reply.timedOut, false, text(result));
    assert.equal(reply.messages.length, 1);
    assert.equal(reply.messages[0]?.in, 'Got it, thanks! You said: "Can you confirm the booking?"');
  });

  it("returns an empty list with timedOut at the timeout, a normal result", async () => {
    const result = await call(session, "wait_for_reply", { phoneNumber: main.id, participants: bob, timeoutSeconds: 1 });
    assert.equal(result.isError, undefined, text(result));
    const reply = result.structuredContent as Reply;
    assert.deepEqual(reply.messages, []);
    assert.equal(reply.timedOut, true);
    assert.match(String(reply.hint), /call wait_for_reply again/i);
  });

  it("stops waiting, and polling, on cancellation", async () => {
    const participant = SEED.contacts.carol.number;
    const controller = new AbortController();
    const waiting = session.client.callTool(
      { name: "wait_for_reply", arguments: { phoneNumber: main.id, participants: participant, timeoutSeconds: 60 } },
      undefined,
      { signal: controller.signal },
    );
    await until(() => threadReads(gateway, participant).length >= 2, "the watcher polled at least once after its baseline");
    controller.abort();
    await assert.rejects(waiting);
    // Let any read already under way finish, then watch for more: none may come.
    await sleep(1_500);
    const settled = threadReads(gateway, participant).length;
    await sleep(3_000);
    assert.equal(threadReads(gateway, participant).length, settled, "no read of the thread after the wait was cancelled");
  });

  it("serves ten waits on one thread with one watcher's reads", async () => {
    const participant = SEED.contacts.dan.number;
    const before = threadReads(gateway, participant).length;
    const started = Date.now();
    const waits = Array.from({ length: 10 }, () =>
      session.client.callTool({ name: "wait_for_reply", arguments: { phoneNumber: main.id, participants: participant, timeoutSeconds: 3 } }),
    );
    const results = await Promise.all(waits);
    const seconds = (Date.now() - started) / 1000;
    for (const r of results) assert.equal((r.structuredContent as Reply).timedOut, true);
    const reads = threadReads(gateway, participant).length - before;
    // One watcher reads a baseline, then about once a second: ten separate pollers would make ten times as many.
    assert.ok(reads >= 2, `the watcher polled (${reads} reads)`);
    assert.ok(reads <= Math.ceil(seconds) + 2, `${reads} reads in ${seconds.toFixed(1)} s for ten waits: one watcher's worth`);
  });

  it("sends progress notifications about every 10 s when asked", async () => {
    const progress: { progress: number; message?: string }[] = [];
    const result = await session.client.callTool(
      { name: "wait_for_reply", arguments: { phoneNumber: main.id, participants: SEED.contacts.erin.number, timeoutSeconds: 12 } },
      undefined,
      { onprogress: (p) => progress.push(p), timeout: 60_000 },
    );
    assertResultShape("wait_for_reply", result as never);
    assert.equal((result.structuredContent as Reply).timedOut, true);
    assert.equal(progress.length, 1, "one notification in 12 s");
    assert.match(String(progress[0]?.message), /waiting for a reply/);
  });
});

describe("get_call waitSeconds over stdio (polling)", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  it("waits for a call's summary and transcript instead of the model polling", async () => {
    const id = SEED.calls.outgoingAnswered;
    const reads = () => gateway.requests.filter((r) => r.path === `/quo/v1/call-summaries/${id}`).length;
    const waiting = call(session, "get_call", { id, include: ["summary", "transcript"], waitSeconds: 20 });
    await until(() => reads() >= 2, "the call was checked again after the first fetch");
    completeArtifacts(gateway.sandbox.workspace(TEST_KEY), id);
    const result = await waiting;
    assert.equal(result.isError, undefined, text(result));
    const content = result.structuredContent as { summary: { status?: string; summary?: string[] }; transcript: { status?: string; text?: string } };
    assert.equal(content.summary.status, undefined, "a ready summary carries no status");
    assert.deepEqual(content.summary.summary, ["The caller asked to move the appointment to Friday."]);
    assert.equal(content.transcript.status, undefined, "a ready transcript carries no status");
    assert.match(String(content.transcript.text), /^0:00 A: Hi, could we move my appointment to Friday\?$/);
  });

  it("returns what there is when the wait runs out", async () => {
    const result = await call(session, "get_call", { id: SEED.calls.missed, include: ["summary"], waitSeconds: 1 });
    assert.equal(result.isError, undefined, text(result));
    assert.deepEqual((result.structuredContent as { summary: unknown }).summary, { status: "absent" }, "a missed call has no summary");
  });
});

describe("wait_for_reply and the call deadline", () => {
  it("waits its full timeout even when the call deadline is shorter", async () => {
    const gateway = await startGateway();
    const session = await connect({ gateway, args: ["--deadline", "1000"] });
    try {
      const result = await call(session, "wait_for_reply", { phoneNumber: main.id, participants: bob, timeoutSeconds: 3 });
      assert.equal(result.isError, undefined, text(result));
      assert.equal((result.structuredContent as Reply).timedOut, true, "a normal timeout, not the deadline's error");
      const reads = threadReads(gateway, bob).length;
      assert.ok(reads >= 3, `it kept polling past the 1 s deadline (${reads} reads)`);
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});
