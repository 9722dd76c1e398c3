import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FAULT_NUMBERS, SEED } from "../../src/sandbox/index.js";
import { type Gateway, type Session, TEST_KEY, call, connect, startGateway, text } from "../helpers/harness.js";
import { sends } from "./helpers.js";

const main = SEED.numbers.main;
const alice = "+15555550123";
const bob = "+15555550124";

type Err = { error?: { remedy?: string; code?: string; argument?: string; message?: string } };

describe("sending guards, end to end in the sandbox", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    // send_individual_messages comes with the messages toolset, not the everyday set.
    session = await connect({ gateway, args: ["--toolsets", "all"] });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  it("a dry run validates, resolves, counts, estimates and returns the request, and sends nothing", async () => {
    const content = "Your appointment is confirmed for Tuesday 3 pm 😀";
    const result = await call(session, "send_message", { from: "Main line", to: "(555) 555-0123", content, dryRun: true });
    assert.equal(result.isError, undefined, text(result));
    const s = result.structuredContent as Record<string, any>;
    assert.equal(s.dryRun, true);
    assert.deepEqual(s.request, { method: "POST", path: "/v1/messages", body: { from: main.id, to: [alice], content } });
    assert.deepEqual(s.from, { id: main.id, number: main.number, name: main.name });
    assert.equal(s.segments.encoding, "UCS-2");
    assert.equal(s.segments.units, content.length);
    assert.equal(s.segments.segments, 1);
    assert.equal(s.estimate.usd, 0.01);
    assert.match(s.estimate.basis, /^estimate/);
    assert.equal(sends(gateway).length, 0, "the simulator saw no POST /v1/messages");
    assert.ok(gateway.requests.every((r) => r.method === "GET"), "only reads reached the gateway");
  });

  it("a dry run of bad input is refused like a real send", async () => {
    const result = await call(session, "send_message", { from: "Nowhere", to: alice, content: "hi", dryRun: true });
    assert.equal(result.isError, true);
    assert.match(text(result), /Main line/);
    assert.equal(sends(gateway).length, 0);
  });

  it("refuses a repeat of the same text to the same person, then sends it with allowDuplicate", async () => {
    const args = { from: "Main line", to: bob, content: "Reminder: invoice 1042 is due Friday." };
    const first = await call(session, "send_message", args);
    assert.equal(first.isError, undefined, text(first));
    assert.equal(sends(gateway).length, 1);

    const again = await call(session, "send_message", args);
    assert.equal(again.isError, true);
    const refusal = (again.structuredContent as Err).error;
    assert.equal(refusal?.code, "duplicate_send");
    assert.equal(refusal?.remedy, "ask_user");
    assert.match(refusal?.message ?? "", /was sent \d+ s ago/);
    assert.match(refusal?.message ?? "", /allowDuplicate: true/);
    assert.match(refusal?.message ?? "", /Nothing was sent/);
    assert.equal(sends(gateway).length, 1, "the repeat never reached the gateway");

    const dry = await call(session, "send_message", { ...args, dryRun: true });
    assert.match(String(dry.structuredContent?.duplicate), /A real send would be refused/);

    const different = await call(session, "send_message", { ...args, content: "Reminder: invoice 1043 is due Friday." });
    assert.equal(different.isError, undefined, "another text to the same person is not a duplicate");

    const allowed = await call(session, "send_message", { ...args, allowDuplicate: true });
    assert.equal(allowed.isError, undefined, text(allowed));
    assert.equal(sends(gateway).length, 3);
  });

  it("forgets a send that failed for certain, so fixing the cause and resending is not refused", async () => {
    const args = { from: "Main line", to: FAULT_NUMBERS.noCredits, content: "Your table is ready" };
    const before = sends(gateway).length;
    const failed = await call(session, "send_message", args);
    assert.equal(failed.isError, true);
    assert.equal((failed.structuredContent as Err).error?.code, "0201402");
    const retried = await call(session, "send_message", args);
    assert.equal((retried.structuredContent as Err).error?.code, "0201402", "refused by Quo again, not by the duplicate guard");
    assert.equal(sends(gateway).length, before + 2);
  });

  it("refuses several recipients without group: true, naming the argument, and sends nothing", async () => {
    const before = sends(gateway).length;
    const result = await call(session, "send_message", { from: "Main line", to: [alice, bob], content: "Team lunch at noon" });
    assert.equal(result.isError, true);
    const error = (result.structuredContent as Err).error;
    assert.equal(error?.argument, "group");
    assert.equal(error?.remedy, "fix_arguments");
    assert.match(error?.message ?? "", /sees everyone else's number/);
    assert.match(error?.message ?? "", /send_individual_messages/);
    assert.equal(sends(gateway).length, before);

    const group = await call(session, "send_message", { from: "Main line", to: [alice, bob], content: "Team lunch at noon", group: true });
    assert.equal(group.isError, undefined, text(group));
    assert.deepEqual((group.structuredContent?.message as { to: string[] }).to.sort(), [alice, bob].sort());
    assert.equal(sends(gateway).length, before + 1);
  });

  it("sends one text per recipient, lists a partial failure and retries nothing", async () => {
    const recipients = [alice, FAULT_NUMBERS.noCredits, bob, "+15555550130"];
    const content = "We are closed on Monday for the holiday.";
    const before = sends(gateway).length;
    const result = await call(session, "send_individual_messages", { from: "Main line", to: recipients, content });
    assert.equal(result.isError, undefined, text(result));
    const s = result.structuredContent as { summary: Record<string, number>; results: { to: string; status: string; messageId?: string; error?: string; remedy?: string }[]; next?: string };
    assert.deepEqual(s.summary, { sent: 3, failed: 1, unknown: 0, skipped: 0, notAttempted: 0 });
    assert.deepEqual(s.results.map((r) => r.to), recipients);
    const failed = s.results.find((r) => r.to === FAULT_NUMBERS.noCredits);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.remedy, "ask_user");
    assert.match(failed?.error ?? "", /credits/);
    for (const r of s.results.filter((r) => r.to !== FAULT_NUMBERS.noCredits)) {
      assert.equal(r.status, "sent");
      assert.match(r.messageId ?? "", /^AC/);
    }
    assert.match(s.next ?? "", /failed/);

    const posted = sends(gateway).slice(before);
    assert.equal(posted.length, 4, "each recipient was tried exactly once");
    for (const [i, exchange] of posted.entries()) {
      assert.deepEqual(exchange.requestBody, { from: main.id, to: [recipients[i]], content }, "one recipient per request: nobody sees the others");
    }

    // The same call again (an agent loop): the ones who got it are skipped, the failed one is tried once more.
    const again = await call(session, "send_individual_messages", { from: "Main line", to: recipients, content });
    const s2 = again.structuredContent as { summary: Record<string, number>; results: { to: string; status: string }[] };
    assert.deepEqual(s2.summary, { sent: 0, failed: 1, unknown: 0, skipped: 3, notAttempted: 0 });
    assert.equal(sends(gateway).length, before + 5);
  });

  it("dry-runs individual sends without sending, and prices every recipient", async () => {
    const before = sends(gateway).length;
    const result = await call(session, "send_individual_messages", { from: "Main line", to: [alice, bob, "+15555550131"], content: "a".repeat(200), dryRun: true });
    assert.equal(result.isError, undefined, text(result));
    const s = result.structuredContent as Record<string, any>;
    assert.equal(s.dryRun, true);
    assert.equal(s.segments.segments, 2);
    assert.equal(s.estimate.usd, 0.06);
    assert.deepEqual(s.results.map((r: { status: string }) => r.status), ["would_send", "would_send", "would_send"]);
    assert.equal(sends(gateway).length, before);
  });

  it("rejects a list of fewer than 2 or more than 40 recipients", async () => {
    const one = await call(session, "send_individual_messages", { from: "Main line", to: [alice], content: "hi" });
    assert.equal(one.isError, true);
    assert.match(text(one), /at least 2/);
    const many = Array.from({ length: 41 }, (_, i) => `+1555555${String(1000 + i)}`);
    const tooMany = await call(session, "send_individual_messages", { from: "Main line", to: many, content: "hi" });
    assert.equal(tooMany.isError, true);
    assert.match(text(tooMany), /at most 40/);
  });

  it("never shows the key", () => {
    assert.ok(!session.stderr().includes(TEST_KEY));
  });
});

describe("recipient allowlist, end to end", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, args: ["--toolsets", "all"], env: { QUO_MCP_ALLOWED_RECIPIENTS: `${alice},+1555555013` } });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  it("refuses a number outside the list before anything goes out, even in a dry run", async () => {
    for (const dryRun of [false, true]) {
      const result = await call(session, "send_message", { from: "Main line", to: bob, content: "Hello", dryRun });
      assert.equal(result.isError, true);
      const error = (result.structuredContent as Err).error;
      assert.equal(error?.code, "recipient_not_allowed");
      assert.match(error?.message ?? "", /\+15555550124 is not/);
      assert.match(error?.message ?? "", /QUO_MCP_ALLOWED_RECIPIENTS/);
    }
    const mixed = await call(session, "send_individual_messages", { from: "Main line", to: [alice, bob], content: "Hello" });
    assert.equal((mixed.structuredContent as Err).error?.code, "recipient_not_allowed", "one outsider stops the whole batch");
    assert.equal(sends(gateway).length, 0);
    assert.equal(gateway.requests.length, 0, "refused before even resolving the sender");
  });

  it("allows listed numbers and prefixes", async () => {
    const exact = await call(session, "send_message", { from: "Main line", to: alice, content: "Hello" });
    assert.equal(exact.isError, undefined, text(exact));
    const byPrefix = await call(session, "send_individual_messages", { from: "Main line", to: ["+15555550131", "+15555550132"], content: "Hello" });
    assert.equal(byPrefix.isError, undefined, text(byPrefix));
    assert.equal((byPrefix.structuredContent?.summary as { sent: number }).sent, 2);
    assert.equal(sends(gateway).length, 3);
  });
});

describe("duplicate window setting", () => {
  it("QUO_MCP_DUPLICATE_WINDOW_MS=0 turns the guard off", async () => {
    const gateway = await startGateway();
    const session = await connect({ gateway, env: { QUO_MCP_DUPLICATE_WINDOW_MS: "0" } });
    try {
      const args = { from: "Main line", to: alice, content: "Same again" };
      assert.equal((await call(session, "send_message", args)).isError, undefined);
      assert.equal((await call(session, "send_message", args)).isError, undefined);
      assert.equal(sends(gateway).length, 2);
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});
