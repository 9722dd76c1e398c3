import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FAULT_NUMBERS, SEED } from "../../src/sandbox/index.js";
import { startFaultGateway } from "../helpers/fault-gateway.js";
import { errorOf, ok, refusedFor, sends, startInProcess, useInProcess } from "../helpers/in-process.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const bob = SEED.contacts.bob.number;

type Message = { id: string; status?: string; to?: string[]; in?: string; out?: string };

describe("send_message", () => {
  const s = useInProcess();

  it("sends a text once, with the sender resolved to its PN id, and the thread then shows it", async () => {
    const before = sends(s.gateway).length;
    const content = "Running 10 minutes late";
    const result = ok(await s.call("send_message", { from: main.number, to: "(555) 555-0123", content }));
    const message = result.message as Message;
    assert.match(message.id, /^AC/);
    assert.equal(message.out, content, "the sent text is under out");
    assert.equal(message.status, "queued");
    assert.deepEqual(message.to, [alice]);
    assert.equal(sends(s.gateway).length, before + 1, "exactly one send reached the gateway");
    assert.deepEqual(sends(s.gateway).at(-1)?.requestBody, { from: main.id, to: [alice], content });
    const thread = ok(await s.call("list_messages", { phoneNumber: main.id, participants: [alice], maxResults: 1, verbose: true }));
    assert.equal((thread.messages as Message[])[0]?.id, message.id);
    assert.equal((thread.messages as Message[])[0]?.out, content);
  });

  it("counts segments and estimates the cost of a real send too", async () => {
    const result = ok(await s.call("send_message", { from: "Main line", to: "+15555550131", content: "a".repeat(161) }));
    assert.equal((result.segments as { segments: number }).segments, 2);
    assert.equal((result.estimate as { usd: number }).usd, 0.02);
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ["a number that cannot be a phone number", { from: main.id, to: "12", content: "hi" }, "to", /cannot be a phone number/],
    ["letters instead of a number", { from: main.id, to: "call me", content: "hi" }, "to", /is not a phone number/],
    ["a blank text", { from: main.id, to: alice, content: "   " }, "content", /blank/],
    ["an empty text", { from: main.id, to: alice, content: "" }, "content", /empty/],
    ["a text over 1600 characters", { from: main.id, to: alice, content: "x".repeat(1601) }, "content", /1600/],
    ["a text with half an emoji", { from: main.id, to: alice, content: "See you \ud83d soon" }, "content", /broken character/],
    [
      "more than 10 recipients",
      { from: main.id, to: Array.from({ length: 11 }, (_, i) => `+1555555014${i % 10}${i}`), content: "hi", group: true },
      "to",
      /at most 10/,
    ],
    ["a missing sender", { to: alice, content: "hi" }, "from", /Quo number/],
    [
      "several recipients without group: true",
      { from: main.id, to: [alice, bob], content: "Team lunch" },
      "group",
      /sees everyone else's number.*send_individual_messages/s,
    ],
  ];
  for (const [what, args, argument, says] of refusals) {
    it(`refuses ${what}, naming ${argument}, and sends nothing`, async () => {
      const from = s.gateway.requests.length;
      refusedFor(await s.call("send_message", args), argument, says);
      assert.equal(s.gateway.requests.length, from, "no request reached the gateway");
    });
  }

  it("names the workspace's numbers when the sender is unknown, and sends nothing", async () => {
    const before = sends(s.gateway).length;
    const result = await s.call("send_message", { from: "Sales", to: alice, content: "hi" });
    refusedFor(result, "from");
    assert.equal(errorOf(result).remedy, "fix_arguments");
    assert.match(errorOf(result).message, /Main line \(\+15555550100, PNmain0100\)/);
    assert.equal(sends(s.gateway).length, before);
  });

  it("sends to several people as one group thread with group: true", async () => {
    const before = sends(s.gateway).length;
    const group = ok(await s.call("send_message", { from: "Main line", to: [alice, bob], content: "Team lunch at noon", group: true }));
    assert.deepEqual((group.message as Message).to?.sort(), [alice, bob].sort());
    assert.equal(sends(s.gateway).length, before + 1);
    assert.deepEqual((sends(s.gateway).at(-1)?.requestBody as { to: string[] }).to, [alice, bob]);
  });

  it("a dry run resolves, counts, estimates and returns the request, and sends nothing", async () => {
    const from = s.gateway.requests.length;
    const content = "Your appointment is confirmed for Tuesday 3 pm 😀";
    const dry = ok(await s.call("send_message", { from: "Main line", to: "(555) 555-0123", content, dryRun: true })) as Record<string, any>;
    assert.equal(dry.dryRun, true);
    assert.deepEqual(dry.request, { method: "POST", path: "/v1/messages", body: { from: main.id, to: [alice], content } });
    assert.deepEqual(dry.from, { id: main.id, number: main.number, name: main.name });
    assert.equal(dry.segments.encoding, "UCS-2");
    assert.equal(dry.segments.segments, 1);
    assert.equal(dry.estimate.usd, 0.01);
    assert.match(dry.estimate.basis, /^estimate/);
    assert.ok(
      s.requestsSince(from).every((r) => r.method === "GET"),
      "only reads reached the gateway",
    );
  });

  it("a dry run of bad input is refused like a real send", async () => {
    const before = sends(s.gateway).length;
    refusedFor(await s.call("send_message", { from: "Nowhere", to: alice, content: "hi", dryRun: true }), "from", /Main line/);
    assert.equal(sends(s.gateway).length, before);
  });

  it("refuses a repeat of the same text to the same people, reports it in a dry run, and sends it with allowDuplicate", async () => {
    const args = { from: "Main line", to: "+15555550140", content: "Reminder: invoice 1042 is due Friday." };
    const before = sends(s.gateway).length;
    ok(await s.call("send_message", args));
    const refusal = errorOf(await s.call("send_message", args));
    assert.equal(refusal.code, "duplicate_send");
    assert.equal(refusal.remedy, "ask_user");
    assert.match(refusal.message, /allowDuplicate: true/);
    assert.equal(sends(s.gateway).length, before + 1, "the repeat never reached the gateway");

    const dry = ok(await s.call("send_message", { ...args, dryRun: true }));
    assert.match(String(dry.duplicate), /A real send would be refused/);
    ok(await s.call("send_message", { ...args, content: "Reminder: invoice 1043 is due Friday." }));
    ok(await s.call("send_message", { ...args, allowDuplicate: true }));
    assert.equal(sends(s.gateway).length, before + 3);
  });

  it("forgets a send that failed for certain, so a resend after fixing the cause is not refused", async () => {
    const args = { from: "Main line", to: FAULT_NUMBERS.noCredits, content: "Your table is ready" };
    const before = sends(s.gateway).length;
    assert.equal(errorOf(await s.call("send_message", args)).code, "0201402");
    assert.equal(errorOf(await s.call("send_message", args)).code, "0201402", "refused by Quo again, not by the duplicate guard");
    assert.equal(sends(s.gateway).length, before + 2);
  });

  const faults: [string, string, { remedy: string; code?: string; status?: number; says: RegExp }][] = [
    ["no credits left (0201402)", FAULT_NUMBERS.noCredits, { remedy: "ask_user", code: "0201402", says: /credits/ }],
    ["A2P registration unfinished (0206400)", FAULT_NUMBERS.a2pNotApproved, { remedy: "ask_user", code: "0206400", says: /A2P/ }],
    ["a sender who is not a member of the number (0202403)", FAULT_NUMBERS.notPhoneNumberUser, { remedy: "ask_user", code: "0202403", says: /member/ }],
    ["Quo's live error shape {error: {message, key, trace}}", FAULT_NUMBERS.internalError, { remedy: "retry_later", status: 500, says: /./ }],
  ];
  for (const [what, to, expected] of faults) {
    it(`maps ${what} to what the model should do, keeping Quo's trace`, async () => {
      const error = errorOf(await s.call("send_message", { from: "Main line", to, content: `Hello there ${what}` }));
      assert.equal(error.remedy, expected.remedy);
      if (expected.code) assert.equal(error.code, expected.code);
      if (expected.status) assert.equal(error.status, expected.status);
      assert.match(error.message, expected.says);
      assert.ok(error.trace, "Quo's trace id is kept");
    });
  }
});

describe("send_message with a recipient allowlist", () => {
  const s = useInProcess({ allowedRecipients: [alice, "+1555555013"] });

  it("refuses a number outside the list before anything goes out, even in a dry run", async () => {
    for (const dryRun of [false, true]) {
      const error = errorOf(await s.call("send_message", { from: "Main line", to: bob, content: "Hello", dryRun }));
      assert.equal(error.code, "recipient_not_allowed");
      assert.match(error.message, /\+15555550124 is not/);
      assert.match(error.message, /QUO_MCP_ALLOWED_RECIPIENTS/);
    }
    assert.equal(s.gateway.requests.length, 0, "refused before even resolving the sender");
  });

  it("sends to a listed number and to one matching a listed prefix", async () => {
    ok(await s.call("send_message", { from: "Main line", to: alice, content: "Hello" }));
    ok(await s.call("send_message", { from: "Main line", to: "+15555550139", content: "Hello" }));
    assert.equal(sends(s.gateway).length, 2);
  });
});

describe("send_message with the duplicate window at 0", () => {
  const s = useInProcess({ duplicateWindowMs: 0 });

  it("sends the same text twice", async () => {
    const args = { from: "Main line", to: alice, content: "Same again" };
    ok(await s.call("send_message", args));
    ok(await s.call("send_message", args));
    assert.equal(sends(s.gateway).length, 2);
  });
});

describe("send_message in another region", () => {
  const s = useInProcess({ region: "GB" });

  it("reads a national number in the configured region", async () => {
    const dry = ok(await s.call("send_message", { from: "Main line", to: "07700 900123", content: "Hello", dryRun: true }));
    assert.deepEqual(dry.to, ["+447700900123"]);
    assert.match(String((dry.estimate as { basis: string }).basis), /outside the US\/Canada/);
  });
});

describe("send_message whose outcome is unknown", () => {
  it("says so, tells the model to check list_messages, never repeats the send, and refuses a resend", async () => {
    const fake = await startFaultGateway();
    const s = await startInProcess({ gatewayUrl: fake.url });
    try {
      fake.fail("POST /v1/messages", { kind: "reset-after-body" });
      const args = { from: "Main line", to: alice, content: "Are we still on?" };
      const error = errorOf(await s.call("send_message", args));
      assert.match(error.message, /may or may not have been sent/);
      assert.match(error.message, /list_messages/);
      assert.equal(fake.seen("POST /v1/messages").length, 1, "the send reached the gateway exactly once");
      const again = errorOf(await s.call("send_message", args));
      assert.equal(again.code, "duplicate_send", "a send of unknown outcome counts as possibly sent");
      assert.match(again.message, /may have been sent/);
      assert.equal(fake.seen("POST /v1/messages").length, 1);
    } finally {
      await s.close();
      await fake.close();
    }
  });
});
