import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, call, text, useSession } from "../helpers/harness.js";

const CV = SEED.conversations;
type Row = { id: string; participants: string[]; at?: string; phoneNumberId?: string; lastMessage?: { id: string; at: string; in?: string; out?: string }; createdAt?: string };

describe("conversations toolset", () => {
  const live = useSession({ args: ["--toolsets", "conversations"] });

  it("lists recent conversations, latest activity first, without nulls", async () => {
    const result = await call(live.session, "list_conversations");
    assert.equal(result.isError, undefined, text(result));
    const rows = result.structuredContent?.conversations as Row[];
    assert.deepEqual(rows.map((r) => r.id), [CV.alice.id, CV.erin.id, CV.bob.id, CV.group.id]);
    const times = rows.map((r) => Date.parse(r.at as string));
    assert.ok(times.every(Number.isFinite), "each row states its last activity under at");
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.equal(rows[3]?.phoneNumberId, SEED.numbers.main.id, "without a number filter each row names its number");
    assert.equal(rows[0]?.createdAt, undefined, "bookkeeping fields only with verbose");
    assert.ok(!text(result).includes("null"));
  });

  it("filters by one of our numbers given by name, states it once, and pages", async () => {
    const first = await call(live.session, "list_conversations", { phoneNumber: "Main line", maxResults: 2 });
    assert.equal(first.isError, undefined, text(first));
    assert.deepEqual(first.structuredContent?.phoneNumber, { id: SEED.numbers.main.id, number: SEED.numbers.main.number, name: "Main line" });
    const page1 = first.structuredContent?.conversations as Row[];
    assert.ok(page1.every((r) => r.phoneNumberId === undefined));
    assert.equal(typeof first.structuredContent?.nextPageToken, "string");
    const rest = await call(live.session, "list_conversations", { phoneNumber: "+15555550100", maxResults: 2, pageToken: first.structuredContent?.nextPageToken });
    const ids = [...page1, ...(rest.structuredContent?.conversations as Row[])].map((r) => r.id);
    assert.deepEqual(ids, [CV.alice.id, CV.bob.id, CV.group.id]);
    const sent = live.gateway.requests.filter((r) => r.path === "/quo/v1/conversations").map((r) => new URLSearchParams(r.search).get("phoneNumbers"));
    assert.ok(sent.includes(SEED.numbers.main.id), "the number goes to Quo as its PN id");
  });

  it("filters by activity time and adds each conversation's last text on request", async () => {
    const since = new Date(Date.now() - 4 * 3600_000).toISOString();
    const result = await call(live.session, "list_conversations", { updatedAfter: since, withLastMessage: true, verbose: true });
    assert.equal(result.isError, undefined, text(result));
    const rows = result.structuredContent?.conversations as Row[];
    assert.deepEqual(rows.map((r) => r.id), [CV.alice.id, CV.erin.id], "only conversations with activity in the last 4 hours");
    const said = rows.map((r) => r.lastMessage && (({ id, at, ...rest }) => rest)(r.lastMessage));
    assert.deepEqual(said, [{ out: "No problem, see you soon." }, { in: "Any update on the tracking issue?" }], "each text under its direction");
    assert.equal(typeof rows[0]?.createdAt, "string", "verbose adds createdAt");
  });

  it("refuses a bad window and too large a page with withLastMessage, sending nothing", async () => {
    const before = live.gateway.requests.length;
    const reversed = await call(live.session, "list_conversations", { updatedAfter: "2026-02-01T00:00:00Z", updatedBefore: "2026-01-01T00:00:00Z" });
    assert.equal(reversed.isError, true);
    assert.match(text(reversed), /updatedAfter/);
    const big = await call(live.session, "list_conversations", { withLastMessage: true, maxResults: 50 });
    assert.equal(big.isError, true);
    assert.match(text(big), /maxResults/);
    const badTime = await call(live.session, "list_conversations", { createdAfter: "yesterday" });
    assert.equal(badTime.isError, true);
    assert.match(text(badTime), /ISO 8601/);
    assert.equal(live.gateway.requests.length, before);
  });

  it("marks a conversation read, done and open again", async () => {
    const inbox = live.gateway.sandbox.workspace(TEST_KEY).inbox;
    for (const action of ["read", "done", "open"] as const) {
      const result = await call(live.session, "update_conversation", { id: CV.bob.id, action });
      assert.equal(result.isError, undefined, text(result));
      assert.equal(result.structuredContent?.action, action);
      assert.equal((result.structuredContent?.conversation as Row).id, CV.bob.id);
    }
    assert.deepEqual(inbox.get(CV.bob.id), { status: "open", read: true });
    const done = await call(live.session, "update_conversation", { id: CV.group.id, action: "done" });
    assert.equal(done.isError, undefined);
    assert.equal(inbox.get(CV.group.id)?.status, "done");
  });

  it("names the accepted actions and id form when they are wrong", async () => {
    const action = await call(live.session, "update_conversation", { id: CV.bob.id, action: "archive" });
    assert.equal(action.isError, true);
    assert.match(text(action), /read, done, open/);
    const id = await call(live.session, "update_conversation", { id: "bob", action: "read" });
    assert.equal(id.isError, true);
    assert.match(text(id), /CN/);
    const missing = await call(live.session, "update_conversation", { id: "CNnope0000", action: "read" });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /404|not found/i);
  });
});
