import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FAULT_NUMBERS, SEED } from "../../src/sandbox/index.js";
import { errorOf, ok, refusedFor, sends, useInProcess } from "../helpers/in-process.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const bob = SEED.contacts.bob.number;

type Outcome = { to: string; status: string; messageId?: string; error?: string; remedy?: string };
type Batch = { summary: Record<string, number>; results: Outcome[]; next?: string };

describe("send_individual_messages", () => {
  const s = useInProcess({ toolsets: ["messages"] });

  it("sends one text per recipient, lists a partial failure, and retries nothing", async () => {
    const recipients = [alice, FAULT_NUMBERS.noCredits, bob, "+15555550130"];
    const content = "We are closed on Monday for the holiday.";
    const before = sends(s.gateway).length;
    const result = ok(await s.call("send_individual_messages", { from: "Main line", to: recipients, content })) as unknown as Batch;
    assert.deepEqual(result.summary, { sent: 3, failed: 1, unknown: 0, skipped: 0, notAttempted: 0 });
    assert.deepEqual(
      result.results.map((r) => r.to),
      recipients,
    );
    const failed = result.results.find((r) => r.to === FAULT_NUMBERS.noCredits);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.remedy, "ask_user");
    assert.match(failed?.error ?? "", /credits/);
    for (const r of result.results.filter((r) => r.to !== FAULT_NUMBERS.noCredits)) {
      assert.equal(r.status, "sent");
      assert.match(r.messageId ?? "", /^AC/);
    }
    assert.match(result.next ?? "", /failed/);
    const posted = sends(s.gateway).slice(before);
    assert.deepEqual(
      posted.map((p) => p.requestBody),
      recipients.map((to) => ({ from: main.id, to: [to], content })),
      "one recipient per request, each tried once",
    );

    // The same call again (an agent loop): those who got it are skipped, the failed one is tried once more.
    const again = ok(await s.call("send_individual_messages", { from: "Main line", to: recipients, content })) as unknown as Batch;
    assert.deepEqual(again.summary, { sent: 0, failed: 1, unknown: 0, skipped: 3, notAttempted: 0 });
    assert.equal(sends(s.gateway).length, before + 5);
  });

  it("refuses the whole call when every recipient already got the text, and sends with allowDuplicate", async () => {
    const args = { from: "Main line", to: ["+15555550141", "+15555550142"], content: "Parking lot closed today" };
    ok(await s.call("send_individual_messages", args));
    const before = sends(s.gateway).length;
    const refusal = errorOf(await s.call("send_individual_messages", args));
    assert.equal(refusal.code, "duplicate_send");
    assert.match(refusal.message, /allowDuplicate/);
    assert.equal(sends(s.gateway).length, before);
    const forced = ok(await s.call("send_individual_messages", { ...args, allowDuplicate: true })) as unknown as Batch;
    assert.equal(forced.summary.sent, 2);
    assert.equal(sends(s.gateway).length, before + 2);
  });

  it("dry-runs without sending, prices every recipient and marks known duplicates", async () => {
    ok(await s.call("send_message", { from: "Main line", to: "+15555550143", content: "a".repeat(200) }));
    const before = sends(s.gateway).length;
    const dry = ok(
      await s.call("send_individual_messages", { from: "Main line", to: ["+15555550143", bob, "+15555550131"], content: "a".repeat(200), dryRun: true }),
    ) as Record<string, any>;
    assert.equal(dry.dryRun, true);
    assert.equal(dry.segments.segments, 2);
    assert.equal(dry.estimate.usd, 0.06);
    assert.deepEqual(
      dry.results.map((r: Outcome) => r.status),
      ["skipped_duplicate", "would_send", "would_send"],
    );
    assert.deepEqual(dry.request.body, { from: main.id, content: "a".repeat(200) });
    assert.equal(sends(s.gateway).length, before);
  });

  it("refuses fewer than 2 different numbers or more than 40, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("send_individual_messages", { from: "Main line", to: [alice], content: "hi" }), "to", /at least 2/);
    refusedFor(await s.call("send_individual_messages", { from: "Main line", to: [alice, "(555) 555-0123"], content: "hi" }), "to", /more than once/);
    const many = Array.from({ length: 41 }, (_, i) => `+1555555${String(1000 + i)}`);
    refusedFor(await s.call("send_individual_messages", { from: "Main line", to: many, content: "hi" }), "to", /at most 40/);
    refusedFor(await s.call("send_individual_messages", { from: "Main line", to: [alice, "nope"], content: "hi" }), "to.1", /phone number/);
    refusedFor(await s.call("send_individual_messages", { from: "Main line", to: [alice, bob], content: " " }), "content", /blank/);
    assert.equal(s.gateway.requests.length, from);
  });
});

describe("send_individual_messages with a recipient allowlist", () => {
  const s = useInProcess({ tools: ["send_individual_messages"], allowedRecipients: [alice, "+1555555013"] });

  it("refuses the whole batch for one outsider, before anything goes out", async () => {
    const error = errorOf(await s.call("send_individual_messages", { from: "Main line", to: [alice, bob], content: "Hello" }));
    assert.equal(error.code, "recipient_not_allowed");
    assert.match(error.message, /\+15555550124/);
    assert.equal(s.gateway.requests.length, 0);
  });

  it("sends to numbers matching a listed prefix", async () => {
    const batch = ok(
      await s.call("send_individual_messages", { from: "Main line", to: ["+15555550131", "+15555550132"], content: "Hello" }),
    ) as unknown as Batch;
    assert.equal(batch.summary.sent, 2);
    assert.equal(sends(s.gateway).length, 2);
  });
});

describe("send_individual_messages selection", () => {
  const s = useInProcess();

  it("is not in the everyday set", async () => {
    const names = (await s.client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes("send_message"));
    assert.ok(!names.includes("send_individual_messages"));
  });
});
