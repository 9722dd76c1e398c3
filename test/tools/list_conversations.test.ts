import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { text } from "../helpers/harness.js";
import { ok, refusedFor, useInProcess } from "../helpers/in-process.js";

const CV = SEED.conversations;
type Row = { id: string; participants: string[]; at?: string; phoneNumberId?: string; lastMessage?: { in?: string; out?: string }; createdAt?: string };

describe("list_conversations", () => {
  const s = useInProcess();

  it("lists recent conversations, latest activity first, each naming its number, without nulls", async () => {
    const result = await s.call("list_conversations");
    const rows = ok(result).conversations as Row[];
    assert.deepEqual(
      rows.map((r) => r.id),
      [CV.alice.id, CV.erin.id, CV.bob.id, CV.group.id],
    );
    const times = rows.map((r) => Date.parse(r.at as string));
    assert.ok(
      times.every((t) => Number.isFinite(t)),
      "each row states its last activity under at",
    );
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    assert.equal(rows[3]?.phoneNumberId, SEED.numbers.main.id, "without a number filter each row names its number");
    assert.equal(rows[0]?.createdAt, undefined, "bookkeeping fields only with verbose");
    assert.ok(!text(result).includes("null"));
  });

  it("filters by one of our numbers given by name, sent to Quo as its PN id, and pages", async () => {
    const from = s.gateway.requests.length;
    const first = ok(await s.call("list_conversations", { phoneNumber: "Main line", maxResults: 2 }));
    assert.deepEqual(first.phoneNumber, { id: SEED.numbers.main.id, number: SEED.numbers.main.number, name: "Main line" });
    const page1 = first.conversations as Row[];
    assert.ok(
      page1.every((r) => r.phoneNumberId === undefined),
      "the number is stated once, not on every row",
    );
    assert.equal(typeof first.nextPageToken, "string");
    const rest = ok(await s.call("list_conversations", { phoneNumber: "+15555550100", maxResults: 2, pageToken: first.nextPageToken }));
    assert.deepEqual(
      [...page1, ...(rest.conversations as Row[])].map((r) => r.id),
      [CV.alice.id, CV.bob.id, CV.group.id],
    );
    assert.equal(rest.nextPageToken, undefined);
    const sent = s
      .requestsSince(from)
      .filter((r) => r.path === "/quo/v1/conversations")
      .map((r) => new URLSearchParams(r.search).getAll("phoneNumbers"));
    assert.ok(sent.every((numbers) => numbers.length === 1 && numbers[0] === SEED.numbers.main.id));
  });

  it("filters by activity time and adds each conversation's last text on request, one read per conversation", async () => {
    const since = new Date(Date.now() - 4 * 3600_000).toISOString();
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_conversations", { updatedAfter: since, withLastMessage: true, verbose: true }));
    const rows = result.conversations as Row[];
    assert.deepEqual(
      rows.map((r) => r.id),
      [CV.alice.id, CV.erin.id],
      "only conversations with activity in the last 4 hours",
    );
    assert.deepEqual(
      rows.map((r) => r.lastMessage?.out ?? r.lastMessage?.in),
      ["No problem, see you soon.", "Any update on the tracking issue?"],
    );
    assert.equal(typeof rows[0]?.createdAt, "string", "verbose adds createdAt");
    assert.equal(s.requestsSince(from).filter((r) => r.path === "/quo/v1/messages").length, 2);
  });

  it("refuses a reversed window, a bad time and too large a page with withLastMessage, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(
      await s.call("list_conversations", { updatedAfter: "2026-02-01T00:00:00Z", updatedBefore: "2026-01-01T00:00:00Z" }),
      "updatedAfter",
      /must not be after/,
    );
    refusedFor(
      await s.call("list_conversations", { createdAfter: "2026-02-01T00:00:00Z", createdBefore: "2026-01-01T00:00:00Z" }),
      "createdAfter",
      /must not be after/,
    );
    refusedFor(await s.call("list_conversations", { withLastMessage: true, maxResults: 50 }), "maxResults", /at most 20/);
    refusedFor(await s.call("list_conversations", { createdAfter: "yesterday" }), "createdAfter", /ISO 8601/);
    assert.equal(s.gateway.requests.length, from);
  });
});
