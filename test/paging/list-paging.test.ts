import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { SEED, type Call, type Message } from "../../src/sandbox/index.js";
import { type Gateway, type Session, TEST_KEY, call, connect, startGateway, text } from "../helpers/harness.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice;
const bob = SEED.contacts.bob;
const carol = SEED.contacts.carol;

/** maxResults of every GET on `path` sent since `from`. */
function pageSizes(gateway: Gateway, path: string, from: number): number[] {
  return gateway.requests
    .slice(from)
    .filter((r) => r.method === "GET" && r.path === `/quo${path}`)
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

describe("pagination shared by the list tools", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway });
    seedMessages(gateway, SEED.conversations.alice, 300, (i) => `Order update ${i}`);
    seedMessages(gateway, SEED.conversations.bob, 120, (i) => `${i} `.padEnd(1_400, "lorem ipsum dolor sit amet "));
  });
  afterEach(() => {
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });
  after(async () => {
    await session.close();
    await gateway.close();
  });

  it("fills maxResults 250 from pages of 100, 100 and 50, and continues exactly where it stopped", async () => {
    const order = threadOrder(gateway, SEED.conversations.alice.id);
    assert.ok(order.length > 300);
    const from = gateway.requests.length;
    const first = await call(session, "list_messages", { phoneNumber: "Main line", participants: alice.number, maxResults: 250, verbose: true });
    assert.equal(first.isError, undefined, text(first));
    assert.deepEqual(pageSizes(gateway, "/v1/messages", from), [100, 100, 50]);
    const firstIds = (first.structuredContent?.messages as { id: string }[]).map((m) => m.id);
    assert.deepEqual(firstIds, order.slice(0, 250));
    assert.equal(typeof first.structuredContent?.nextPageToken, "string");
    assert.equal(first.structuredContent?.truncated, undefined);

    const rest = await call(session, "list_messages", { phoneNumber: "Main line", participants: alice.number, maxResults: 500, verbose: true, pageToken: first.structuredContent?.nextPageToken });
    const restIds = (rest.structuredContent?.messages as { id: string }[]).map((m) => m.id);
    assert.deepEqual(restIds, order.slice(250), "the token resumes right after the 250th message");
    assert.equal(rest.structuredContent?.nextPageToken, undefined, "no token once the thread has ended");
  });

  it("stops at the end of a short list with one page and no token", async () => {
    const from = gateway.requests.length;
    const result = await call(session, "list_users", { maxResults: 500 });
    assert.deepEqual(pageSizes(gateway, "/v1/users", from), [50]);
    assert.equal((result.structuredContent?.users as unknown[]).length, 3);
    assert.equal(result.structuredContent?.nextPageToken, undefined);
  });

  it("cuts an answer that would pass ~15k tokens, says so, and returns a token that continues after the last item shown", async () => {
    const order = threadOrder(gateway, SEED.conversations.bob.id);
    const seen: string[] = [];
    let token: string | undefined;
    let cuts = 0;
    for (let round = 0; round < 10; round += 1) {
      const from = gateway.requests.length;
      const page = await call(session, "list_messages", { phoneNumber: "Main line", participants: bob.number, maxResults: 100, verbose: true, ...(token ? { pageToken: token } : {}) });
      assert.equal(page.isError, undefined, text(page));
      assert.ok(text(page).length <= 61_000, `answer of ${text(page).length} characters`);
      const ids = (page.structuredContent?.messages as { id: string }[]).map((m) => m.id);
      if (page.structuredContent?.truncated) {
        cuts += 1;
        assert.match(String(page.structuredContent.truncated), new RegExp(`^Cut to ${ids.length} of \\d+ messages .*nextPageToken`));
        // The cut fell inside a page: that page was asked again for exactly the items shown from it.
        const sizes = pageSizes(gateway, "/v1/messages", from);
        assert.equal(sizes.at(-1), ids.length % 100 || 100, `re-read sizes ${sizes.join(",")}`);
      }
      seen.push(...ids);
      token = page.structuredContent?.nextPageToken as string | undefined;
      if (!token) break;
    }
    assert.ok(cuts >= 2, "long messages force several cuts");
    assert.deepEqual(seen, order, "every message once, in order, none skipped or repeated");
  });

  it("pages calls the same way: pages of 100 until the list ends", async () => {
    const ws = gateway.sandbox.workspace(TEST_KEY);
    for (let i = 0; i < 130; i += 1) {
      const at = new Date(Date.parse("2025-05-01T00:00:00Z") - i * 60_000).toISOString();
      const c: Call = {
        id: `ACpagecall${String(i).padStart(6, "0")}`, phoneNumberId: main.id, userId: SEED.users.owner.id, participants: [carol.number],
        direction: "outgoing", status: "completed", duration: 30, createdAt: at, answeredAt: at, answeredBy: null, initiatedBy: SEED.users.owner.id,
        completedAt: at, callRoute: null, forwardedFrom: null, forwardedTo: null, aiHandled: null, updatedAt: at,
      };
      ws.calls.push(c);
    }
    const total = ws.calls.filter((c) => c.phoneNumberId === main.id && c.participants.length === 1 && c.participants[0] === carol.number).length;
    const from = gateway.requests.length;
    const result = await call(session, "list_calls", { phoneNumber: "Main line", participant: carol.number, maxResults: 500 });
    assert.equal(result.isError, undefined, text(result));
    assert.deepEqual(pageSizes(gateway, "/v1/calls", from), [100, 100]);
    assert.equal((result.structuredContent?.calls as unknown[]).length, total);
    assert.equal(result.structuredContent?.nextPageToken, undefined);
  });

  it("refuses maxResults above 500 and names the limit, sending nothing", async () => {
    const from = gateway.requests.length;
    const result = await call(session, "list_messages", { phoneNumber: "Main line", participants: alice.number, maxResults: 501 });
    assert.equal(result.isError, true);
    assert.match(text(result), /maxResults/);
    assert.match(text(result), /at most 500/);
    assert.equal(gateway.requests.length, from);
  });
});
