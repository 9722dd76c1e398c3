import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Call, SEED } from "../../src/sandbox/index.js";
import { TEST_KEY } from "../helpers/harness.js";
import { ok, refusedFor, useInProcess } from "../helpers/in-process.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const carol = SEED.contacts.carol.number;

type Row = { id: string; dir: string; status: string; duration?: number };

describe("list_calls", () => {
  const s = useInProcess();

  it("lists calls with one participant, stating the number and participant once", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_calls", { phoneNumber: "Main line", participant: "(555) 555-0123" }));
    assert.deepEqual(result.phoneNumber, { id: main.id, number: main.number, name: main.name });
    assert.equal(result.participant, alice);
    const calls = result.calls as Row[];
    assert.ok(calls.some((c) => c.id === SEED.calls.withArtifacts));
    assert.ok(calls.every((c) => c.dir === "in" || c.dir === "out"));
    const query = new URLSearchParams(
      s
        .requestsSince(from)
        .filter((r) => r.path === "/quo/v1/calls")
        .at(-1)?.search,
    );
    assert.equal(query.get("phoneNumberId"), main.id);
    assert.deepEqual(query.getAll("participants"), [alice]);
  });

  it("pages calls in pages of 100 until the list ends", async () => {
    const ws = s.gateway.sandbox.workspace(TEST_KEY);
    for (let i = 0; i < 130; i += 1) {
      const at = new Date(Date.parse("2025-05-01T00:00:00Z") - i * 60_000).toISOString();
      const c: Call = {
        id: `ACpagecall${String(i).padStart(6, "0")}`,
        phoneNumberId: main.id,
        userId: SEED.users.owner.id,
        participants: [carol],
        direction: "outgoing",
        status: "completed",
        duration: 30,
        createdAt: at,
        answeredAt: at,
        answeredBy: null,
        initiatedBy: SEED.users.owner.id,
        completedAt: at,
        callRoute: null,
        forwardedFrom: null,
        forwardedTo: null,
        aiHandled: null,
        updatedAt: at,
      };
      ws.calls.push(c);
    }
    const total = ws.calls.filter((c) => c.phoneNumberId === main.id && c.participants.length === 1 && c.participants[0] === carol).length;
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_calls", { phoneNumber: "Main line", participant: carol, maxResults: 500 }));
    const sizes = s
      .requestsSince(from)
      .filter((r) => r.path === "/quo/v1/calls")
      .map((r) => Number(new URLSearchParams(r.search).get("maxResults")));
    assert.deepEqual(sizes, [100, 100]);
    assert.equal((result.calls as Row[]).length, total);
    assert.equal(result.nextPageToken, undefined);

    const first = ok(await s.call("list_calls", { phoneNumber: "Main line", participant: carol, maxResults: 3 }));
    assert.equal((first.calls as Row[]).length, 3);
    const next = ok(await s.call("list_calls", { phoneNumber: "Main line", participant: carol, maxResults: 3, pageToken: first.nextPageToken }));
    const ids = [...(first.calls as Row[]), ...(next.calls as Row[])].map((c) => c.id);
    assert.deepEqual(
      ids,
      (result.calls as Row[]).slice(0, 6).map((c) => c.id),
      "the token continues where the first page stopped",
    );
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ["a date that is not ISO 8601", { phoneNumber: main.id, participant: alice, createdAfter: "yesterday" }, "createdAfter", /ISO 8601/],
    [
      "createdAfter later than createdBefore",
      { phoneNumber: main.id, participant: alice, createdAfter: "2026-02-01T00:00:00Z", createdBefore: "2026-01-01T00:00:00Z" },
      "createdAfter",
      /must not be after/,
    ],
    ["a missing participant", { phoneNumber: main.id }, "participant", /phone number/],
    ["a participant that is not a number", { phoneNumber: main.id, participant: "Alice" }, "participant", /phone number/],
    ["maxResults above 500", { phoneNumber: main.id, participant: alice, maxResults: 501 }, "maxResults", /at most 500/],
  ];
  for (const [what, args, argument, says] of refusals) {
    it(`refuses ${what}, naming ${argument}, and sends nothing`, async () => {
      const from = s.gateway.requests.length;
      refusedFor(await s.call("list_calls", args), argument, says);
      assert.equal(s.gateway.requests.length, from);
    });
  }

  it("refuses a number that is not the workspace's, sending no call listing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("list_calls", { phoneNumber: "+15555550199", participant: alice }), "phoneNumber", /Main line/);
    assert.ok(s.requestsSince(from).every((r) => r.path === "/quo/v1/phone-numbers"));
  });
});
