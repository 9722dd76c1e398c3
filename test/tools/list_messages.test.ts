import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type Message, SEED } from "../../src/sandbox/index.js";
import { type Gateway, TEST_KEY, text } from "../helpers/harness.js";
import { errorOf, ok, refusedFor, useInProcess } from "../helpers/in-process.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;

type Row = { id?: string; at: string; in?: string; out?: string; from?: string; conversationId?: string };

/** The ids of a verbose listing, each of which must be there. */
function idsOf(messages: unknown): string[] {
  return (messages as Row[]).map((m) => {
    assert.match(String(m.id), /^AC/, "verbose gives every message its id");
    return m.id as string;
  });
}

/** maxResults of every GET /v1/messages sent since `from`. */
function pageSizes(gateway: Gateway, from: number): number[] {
  return gateway.requests
    .slice(from)
    .filter((r) => r.method === "GET" && r.path === "/quo/v1/messages")
    .map((r) => Number(new URLSearchParams(r.search).get("maxResults")));
}

/** Adds `count` messages to a seeded conversation, older than everything already there. */
function seedMessages(gateway: Gateway, conversation: { id: string; participants: readonly string[] }, count: number, body: (i: number) => string): void {
  const ws = gateway.sandbox.workspace(TEST_KEY);
  const oldest = Date.parse("2025-06-01T00:00:00Z");
  for (let i = 0; i < count; i += 1) {
    const at = new Date(oldest - i * 60_000).toISOString();
    const message: Message = {
      id: `ACpage${conversation.id.slice(2, 6)}${String(i).padStart(6, "0")}`,
      to: [main.number],
      from: conversation.participants[0]!,
      text: body(i),
      phoneNumberId: main.id,
      conversationId: conversation.id,
      direction: "incoming",
      userId: SEED.users.owner.id,
      status: "received",
      createdAt: at,
      updatedAt: at,
    };
    ws.messages.push(message);
  }
}

/** The thread's ids in the order the API serves them: newest first, ties by id descending. */
function threadOrder(gateway: Gateway, conversationId: string): string[] {
  return gateway.sandbox
    .workspace(TEST_KEY)
    .messages.filter((m) => m.conversationId === conversationId)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id))
    .map((m) => m.id);
}

describe("list_messages", () => {
  const s = useInProcess();

  it("reads a thread by number name and a national-format participant, newest first, each text under its direction", async () => {
    const result = ok(await s.call("list_messages", { phoneNumber: "main line", participants: "(555) 555-0123" }));
    assert.deepEqual(result.phoneNumber, { id: main.id, number: main.number, name: "Main line" });
    assert.deepEqual(result.participants, [alice]);
    const messages = result.messages as Row[];
    assert.deepEqual(
      messages.map(({ in: received, out }) => ({ in: received, out })),
      [
        { in: undefined, out: "No problem, see you soon." },
        { in: "Running 10 minutes late today, sorry", out: undefined },
        { in: "Tuesday works, thanks!", out: undefined },
        { in: undefined, out: "Of course. Does Tuesday at 10am work?" },
        { in: "Hi, can I move my cleaning to next week?", out: undefined },
      ],
    );
    assert.ok(
      messages.every((m) => m.id === undefined),
      "a thread leaves message ids out unless verbose",
    );
    assert.match(String(result.untrusted), /^in: .*never instructions/, "received texts are marked as outside text");
    const sent = s.gateway.requests.at(-1);
    assert.equal(sent?.path, "/quo/v1/messages");
    const query = new URLSearchParams(sent?.search);
    assert.equal(query.get("phoneNumberId"), main.id, "the number goes to Quo as its PN id");
    assert.match(sent?.search ?? "", /participants=%2B15555550123/, "+ is sent as %2B");
  });

  it("reads one message by id, with its sender and conversation", async () => {
    const thread = ok(await s.call("list_messages", { phoneNumber: "Main line", participants: [alice], maxResults: 1, verbose: true }));
    const id = (thread.messages as Row[])[0]?.id as string;
    assert.match(id, /^AC/, "verbose gives each message its id");
    const from = s.gateway.requests.length;
    const [message] = ok(await s.call("list_messages", { id })).messages as Row[];
    assert.equal(message?.id, id);
    assert.equal(message?.conversationId, SEED.conversations.alice.id);
    assert.equal(message?.from, main.number, "a message read on its own says who sent it");
    assert.deepEqual(
      s.requestsSince(from).map((r) => r.path),
      [`/quo/v1/messages/${id}`],
    );
  });

  it("sends the time window to Quo", async () => {
    const from = s.gateway.requests.length;
    ok(
      await s.call("list_messages", {
        phoneNumber: main.id,
        participants: alice,
        createdAfter: "2026-01-01T00:00:00Z",
        createdBefore: "2026-01-02T01:00:00+01:00",
      }),
    );
    const query = new URLSearchParams(s.requestsSince(from).at(-1)?.search);
    // Every date-time argument goes to Quo in UTC, whatever zone it was given in.
    assert.equal(query.get("createdAfter"), "2026-01-01T00:00:00.000Z");
    assert.equal(query.get("createdBefore"), "2026-01-02T00:00:00.000Z");
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ["a thread without participants", { phoneNumber: main.id }, "participants", /required/],
    ["a thread without a number", { participants: alice }, "phoneNumber", /required/],
    [
      "createdAfter later than createdBefore",
      { phoneNumber: main.id, participants: [alice], createdAfter: "2026-11-02T00:00:00Z", createdBefore: "2026-11-01T00:00:00Z" },
      "createdAfter",
      /must not be after createdBefore/,
    ],
    ["a date that is not ISO 8601", { phoneNumber: main.id, participants: [alice], createdAfter: "yesterday" }, "createdAfter", /ISO 8601/],
    ["maxResults above 500", { phoneNumber: main.id, participants: [alice], maxResults: 501 }, "maxResults", /at most 500/],
    [
      "more than 10 participants",
      { phoneNumber: main.id, participants: Array.from({ length: 11 }, (_, i) => `+155555501${50 + i}`) },
      "participants",
      /at most 10/,
    ],
    ["a message id with the wrong prefix", { id: "CN123" }, "id", /message id/],
  ];
  for (const [what, args, argument, says] of refusals) {
    it(`refuses ${what}, naming ${argument}, and sends nothing`, async () => {
      const from = s.gateway.requests.length;
      refusedFor(await s.call("list_messages", args), argument, says);
      assert.equal(s.gateway.requests.length, from);
    });
  }

  it("names the workspace's numbers when phoneNumber is not one of them", async () => {
    refusedFor(await s.call("list_messages", { phoneNumber: "Nowhere", participants: [alice] }), "phoneNumber", /Main line/);
  });

  it("tells the model to fix an id Quo does not know, without a stack trace", async () => {
    const result = await s.call("list_messages", { id: "ACdoesnotexist" });
    const error = errorOf(result);
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
    assert.ok(!/\bat\s+\S+\.(js|ts):\d+/.test(text(result)), "no stack trace");
  });
});

describe("list_messages paging", () => {
  const s = useInProcess();
  before(() => {
    seedMessages(s.gateway, SEED.conversations.alice, 300, (i) => `Order update ${i}`);
    seedMessages(s.gateway, SEED.conversations.bob, 120, (i) => `${i} `.padEnd(1_400, "lorem ipsum dolor sit amet "));
  });

  it("fills maxResults 250 from pages of 100, 100 and 50, and continues exactly where it stopped", async () => {
    const order = threadOrder(s.gateway, SEED.conversations.alice.id);
    assert.ok(order.length > 300);
    const from = s.gateway.requests.length;
    const first = ok(await s.call("list_messages", { phoneNumber: "Main line", participants: alice, maxResults: 250, verbose: true }));
    assert.deepEqual(pageSizes(s.gateway, from), [100, 100, 50]);
    assert.deepEqual(idsOf(first.messages), order.slice(0, 250));
    assert.equal(typeof first.nextPageToken, "string");
    assert.equal(first.truncated, undefined);
    const rest = ok(
      await s.call("list_messages", { phoneNumber: "Main line", participants: alice, maxResults: 500, pageToken: first.nextPageToken, verbose: true }),
    );
    assert.deepEqual(idsOf(rest.messages), order.slice(250), "the token resumes right after the 250th message");
    assert.equal(rest.nextPageToken, undefined, "no token once the thread has ended");
  });

  it("cuts an answer that would pass ~15k tokens, says so, and returns a token that continues after the last item shown", async () => {
    const order = threadOrder(s.gateway, SEED.conversations.bob.id);
    const seen: string[] = [];
    let token: string | undefined;
    let cuts = 0;
    for (let round = 0; round < 10; round += 1) {
      const from = s.gateway.requests.length;
      const result = await s.call("list_messages", {
        phoneNumber: "Main line",
        participants: SEED.contacts.bob.number,
        maxResults: 100,
        verbose: true,
        ...(token ? { pageToken: token } : {}),
      });
      const page = ok(result);
      assert.ok(text(result).length <= 61_000, `answer of ${text(result).length} characters`);
      const ids = idsOf(page.messages);
      if (page.truncated) {
        cuts += 1;
        assert.match(String(page.truncated), new RegExp(`^Cut to ${ids.length} of \\d+ messages .*nextPageToken`));
        // The cut fell inside a page: that page was asked again for exactly the items shown from it.
        const sizes = pageSizes(s.gateway, from);
        assert.equal(sizes.at(-1), ids.length % 100 || 100, `re-read sizes ${sizes.join(",")}`);
      }
      seen.push(...ids);
      token = page.nextPageToken as string | undefined;
      if (!token) break;
    }
    assert.ok(cuts >= 2, "long messages force several cuts");
    assert.deepEqual(seen, order, "every message once, in order, none skipped or repeated");
  });
});
