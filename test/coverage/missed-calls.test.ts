import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, type Session, TEST_KEY, call, connect, startGateway, text } from "../helpers/harness.js";

type Missed = { callId: string; caller: string; at: string; status: string; voicemail?: { transcript?: string; url?: string; status?: string } };

describe("list_missed_calls", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    // In Quo a call is activity in its conversation. The seed's conversations only reflect
    // texts, so give the two missed calls on the main line the conversations Quo would show.
    const ws = gateway.sandbox.workspace(TEST_KEY);
    const missed = ws.calls.find((c) => c.id === SEED.calls.missed)!;
    const bob = ws.conversationById(SEED.conversations.bob.id)!;
    Object.assign(bob, { lastActivityAt: missed.createdAt, lastActivityId: missed.id, updatedAt: missed.createdAt });
    const voicemail = ws.calls.find((c) => c.id === SEED.calls.voicemail)!;
    ws.conversations.push({
      ...bob, id: "CNunknown0005", participants: [SEED.unknownCaller], name: null, createdAt: voicemail.createdAt,
      lastActivityAt: voicemail.createdAt, lastActivityId: voicemail.id, updatedAt: voicemail.createdAt,
    });
    session = await connect({ gateway });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });

  it("finds the day's missed incoming calls, newest first, with the voicemail one left", async () => {
    const result = await call(session, "list_missed_calls", { phoneNumber: "Main line" });
    assert.equal(result.isError, undefined, text(result));
    const missed = result.structuredContent?.missed as Missed[];
    assert.deepEqual(missed.map((m) => [m.callId, m.caller, m.status]), [
      [SEED.calls.voicemail, SEED.unknownCaller, "missed"],
      [SEED.calls.missed, SEED.contacts.bob.number, "missed"],
    ]);
    assert.match(String(missed[0]?.voicemail?.transcript), /Riverside Realty/);
    assert.match(String(missed[0]?.voicemail?.url), /^https?:\/\/.+\.(mp3|wav)$/);
    assert.equal(missed[1]?.voicemail, undefined, "a 404 voicemail means none was left");
    assert.equal(result.structuredContent?.partial, undefined);
    const window = result.structuredContent?.window as { from: string; to: string };
    assert.equal(Date.parse(window.to) - Date.parse(window.from), 24 * 3600_000);
    // ACcall000005 is an outgoing no-answer to Carol, in a group conversation: never a missed call.
    assert.ok(!text(result).includes("ACcall000005"));
  });

  it("keeps to the window it is given", async () => {
    const result = await call(session, "list_missed_calls", {
      phoneNumber: SEED.numbers.main.id,
      createdAfter: new Date(Date.now() - 90 * 60_000).toISOString(),
    });
    assert.equal(result.isError, undefined, text(result));
    assert.deepEqual((result.structuredContent?.missed as Missed[]).map((m) => m.callId), [SEED.calls.voicemail]);
    const calls = gateway.requests.filter((r) => r.path === "/quo/v1/calls").map((r) => new URLSearchParams(r.search));
    assert.ok(calls.every((q) => q.get("createdAfter") !== null && q.get("participants") !== null));
  });

  it("says when the conversation budget left callers unchecked", async () => {
    const result = await call(session, "list_missed_calls", { phoneNumber: "+15555550100", maxConversations: 1 });
    assert.equal(result.isError, undefined, text(result));
    assert.match(String(result.structuredContent?.partial), /maxConversations/);
    assert.deepEqual((result.structuredContent?.missed as Missed[]).map((m) => m.callId), [SEED.calls.voicemail]);
  });

  it("finds nothing on a line with no missed calls, and refuses a number that is not ours", async () => {
    const support = await call(session, "list_missed_calls", { phoneNumber: "Support" });
    assert.equal(support.isError, undefined, text(support));
    assert.deepEqual(support.structuredContent?.missed, []);
    const before = gateway.requests.filter((r) => r.path !== "/quo/v1/phone-numbers").length;
    const foreign = await call(session, "list_missed_calls", { phoneNumber: "+15555550199" });
    assert.equal(foreign.isError, true);
    assert.match(text(foreign), /phoneNumber/);
    assert.equal(gateway.requests.filter((r) => r.path !== "/quo/v1/phone-numbers").length, before, "nothing but the number lookup was sent");
  });
});
