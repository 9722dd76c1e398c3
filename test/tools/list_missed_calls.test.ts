import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, text } from "../helpers/harness.js";
import { ok, refusedFor, useInProcess } from "../helpers/in-process.js";

type Missed = { callId: string; caller: string; at: string; status: string; voicemail?: { transcript?: string; url?: string } };

describe("list_missed_calls", () => {
  const s = useInProcess();
  before(() => {
    // In Quo a call is activity in its conversation. The seed's conversations only reflect
    // texts, so give the two missed calls on the main line the conversations Quo would show.
    const ws = s.gateway.sandbox.workspace(TEST_KEY);
    const missed = ws.calls.find((c) => c.id === SEED.calls.missed)!;
    const bob = ws.conversationById(SEED.conversations.bob.id)!;
    Object.assign(bob, { lastActivityAt: missed.createdAt, lastActivityId: missed.id, updatedAt: missed.createdAt });
    const voicemail = ws.calls.find((c) => c.id === SEED.calls.voicemail)!;
    ws.conversations.push({
      ...bob,
      id: "CNunknown0005",
      participants: [SEED.unknownCaller],
      name: null,
      createdAt: voicemail.createdAt,
      lastActivityAt: voicemail.createdAt,
      lastActivityId: voicemail.id,
      updatedAt: voicemail.createdAt,
    });
  });

  it("finds the day's missed incoming calls, newest first, with the voicemail left", async () => {
    const result = await s.call("list_missed_calls", { phoneNumber: "Main line" });
    const missed = ok(result).missed as Missed[];
    assert.deepEqual(
      missed.map((m) => [m.callId, m.caller, m.status]),
      [
        [SEED.calls.voicemail, SEED.unknownCaller, "missed"],
        [SEED.calls.missed, SEED.contacts.bob.number, "missed"],
      ],
    );
    assert.match(String(missed[0]?.voicemail?.transcript), /Riverside Realty/);
    // The sandbox serves its voicemails itself, on its own loopback port, as audio a client can play.
    const audio = String(missed[0]?.voicemail?.url);
    assert.ok(audio.startsWith(`${s.gateway.url}/media/voicemails/`) && audio.endsWith(".wav"), audio);
    const played = await fetch(audio);
    assert.equal(played.status, 200);
    assert.equal(played.headers.get("content-type"), "audio/wav");
    assert.equal(
      Buffer.from(await played.arrayBuffer())
        .subarray(0, 4)
        .toString("ascii"),
      "RIFF",
    );
    assert.equal(missed[1]?.voicemail, undefined, "a 404 voicemail means none was left");
    assert.equal(ok(result).partial, undefined);
    const window = ok(result).window as { from: string; to: string };
    assert.equal(Date.parse(window.to) - Date.parse(window.from), 24 * 3600_000, "the default window is the last 24 hours");
    // ACcall000005 is an outgoing no-answer to Carol, in a group conversation: never a missed call.
    assert.ok(!text(result).includes("ACcall000005"));
  });

  it("keeps to the window it is given, and asks Quo only within it", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_missed_calls", { phoneNumber: SEED.numbers.main.id, createdAfter: new Date(Date.now() - 90 * 60_000).toISOString() }));
    assert.deepEqual(
      (result.missed as Missed[]).map((m) => m.callId),
      [SEED.calls.voicemail],
    );
    const calls = s
      .requestsSince(from)
      .filter((r) => r.path === "/quo/v1/calls")
      .map((r) => new URLSearchParams(r.search));
    assert.ok(calls.length > 0);
    assert.ok(calls.every((q) => q.get("createdAfter") !== null && q.get("participants") !== null));
  });

  it("says partial when the conversation budget left callers unchecked", async () => {
    const result = ok(await s.call("list_missed_calls", { phoneNumber: "+15555550100", maxConversations: 1 }));
    assert.match(String(result.partial), /maxConversations/);
    assert.deepEqual(
      (result.missed as Missed[]).map((m) => m.callId),
      [SEED.calls.voicemail],
    );
  });

  it("finds nothing on a line with no missed calls", async () => {
    assert.deepEqual(ok(await s.call("list_missed_calls", { phoneNumber: "Support" })).missed, []);
  });

  it("refuses a number that is not the workspace's, a bad window and a budget out of range, sending nothing else", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("list_missed_calls", { phoneNumber: "+15555550199" }), "phoneNumber");
    refusedFor(
      await s.call("list_missed_calls", { phoneNumber: "Main line", createdAfter: "2026-02-01T00:00:00Z", createdBefore: "2026-01-01T00:00:00Z" }),
      "createdAfter",
      /must not be after/,
    );
    refusedFor(await s.call("list_missed_calls", { phoneNumber: "Main line", createdAfter: "today" }), "createdAfter", /ISO 8601/);
    refusedFor(await s.call("list_missed_calls", { phoneNumber: "Main line", maxConversations: 101 }), "maxConversations");
    assert.ok(
      s.requestsSince(from).every((r) => r.path === "/quo/v1/phone-numbers"),
      "nothing but the number lookup was sent",
    );
  });
});
