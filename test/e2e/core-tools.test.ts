import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, call, connect, text, useSession } from "../helpers/harness.js";

const alice = SEED.contacts.alice.number;

describe("core tools against the loopback gateway", () => {
  const live = useSession();

  it("lists the workspace's numbers with their users", async () => {
    const result = await call(live.session, "list_phone_numbers");
    assert.equal(result.isError, undefined);
    const numbers = result.structuredContent?.numbers as { id: string; number: string; name: string; users: unknown[] }[];
    assert.deepEqual(
      numbers.map((n) => [n.id, n.number, n.name]),
      [
        [SEED.numbers.main.id, SEED.numbers.main.number, "Main line"],
        [SEED.numbers.support.id, SEED.numbers.support.number, "Support"],
      ],
    );
    assert.equal(numbers[0]?.users.length, 2);
    assert.deepEqual(JSON.parse(text(result)), result.structuredContent, "the text is the same JSON as the structured content");
    assert.ok(!text(result).includes("null"), "no nulls reach the model");
    const one = await call(live.session, "list_phone_numbers", { id: SEED.numbers.support.id });
    assert.deepEqual((one.structuredContent?.numbers as { name: string }[]).map((n) => n.name), ["Support"]);
  });

  it("pages users with a continuation hint, and reads one user by id", async () => {
    const first = await call(live.session, "list_users", { maxResults: 2 });
    const users = first.structuredContent?.users as { id: string }[];
    assert.equal(users.length, 2);
    assert.equal(typeof first.structuredContent?.nextPageToken, "string");
    assert.match(String(first.structuredContent?.hint), /pageToken/);
    const rest = await call(live.session, "list_users", { maxResults: 2, pageToken: first.structuredContent?.nextPageToken });
    assert.deepEqual(
      [...users, ...(rest.structuredContent?.users as { id: string }[])].map((u) => u.id),
      [SEED.users.owner.id, SEED.users.admin.id, SEED.users.member.id],
    );
    assert.equal(rest.structuredContent?.nextPageToken, undefined);
    const one = await call(live.session, "list_users", { id: SEED.users.member.id });
    assert.deepEqual(one.structuredContent?.users, [{ id: SEED.users.member.id, name: "Mia Moreno", email: SEED.users.member.email, role: "member" }]);
  });

  it("reads a thread by number name and a national-format participant", async () => {
    const result = await call(live.session, "list_messages", { phoneNumber: "main line", participants: "(555) 555-0123" });
    assert.equal(result.isError, undefined, text(result));
    assert.deepEqual(result.structuredContent?.phoneNumber, { id: SEED.numbers.main.id, number: SEED.numbers.main.number, name: "Main line" });
    assert.deepEqual(result.structuredContent?.participants, [alice]);
    const messages = result.structuredContent?.messages as { id: string; at: string; in?: string; out?: string }[];
    assert.deepEqual(
      messages.map(({ id, at, ...rest }) => rest),
      [
        { out: "No problem, see you soon." },
        { in: "Running 10 minutes late today, sorry" },
        { in: "Tuesday works, thanks!" },
        { out: "Of course. Does Tuesday at 10am work?" },
        { in: "Hi, can I move my cleaning to next week?" },
      ],
      "newest first, each text under its direction; a one-to-one thread names no sender and a delivered or received text no status",
    );
    assert.ok(messages.every((m) => m.id === undefined && /^\d{4}-\d\d-\d\dT[\d:]{8}Z$/.test(m.at)), "a thread leaves ids out unless asked");
    const sent = live.gateway.requests.at(-1);
    assert.equal(sent?.path, "/quo/v1/messages");
    assert.match(sent?.search ?? "", /participants=%2B15555550123/, "+ is sent as %2B");
  });

  it("sends a text once, and the thread then shows it", async () => {
    const before = live.gateway.requests.filter((r) => r.method === "POST").length;
    const content = `Running 10 minutes late ${Date.now()}`;
    const result = await call(live.session, "send_message", { from: SEED.numbers.main.number, to: alice, content });
    assert.equal(result.isError, undefined, text(result));
    const message = result.structuredContent?.message as { id: string; status: string; to: string[]; in?: string; out?: string };
    assert.equal(message.out, content, "the sent text is under out");
    assert.equal(message.in, undefined);
    assert.equal(message.status, "queued");
    assert.deepEqual(message.to, [alice]);
    const posts = live.gateway.requests.filter((r) => r.method === "POST");
    assert.equal(posts.length, before + 1, "exactly one send reached the gateway");
    assert.deepEqual(posts.at(-1)?.requestBody, { from: SEED.numbers.main.id, to: [alice], content });
    const thread = await call(live.session, "list_messages", { phoneNumber: SEED.numbers.main.id, participants: [alice], maxResults: 1, verbose: true });
    assert.equal((thread.structuredContent?.messages as { id: string }[])[0]?.id, message.id);
  });

  it("reads one message by id", async () => {
    const thread = await call(live.session, "list_messages", { phoneNumber: "Main line", participants: [alice], maxResults: 1, verbose: true });
    const id = (thread.structuredContent?.messages as { id: string }[])[0]?.id as string;
    assert.match(id, /^AC/, "verbose gives each message's id");
    const result = await call(live.session, "list_messages", { id });
    const [message] = result.structuredContent?.messages as { id: string; from: string; conversationId: string }[];
    assert.equal(message?.id, id);
    assert.equal(message?.conversationId, SEED.conversations.alice.id);
    assert.equal(message?.from, SEED.numbers.main.number, "a message read on its own says who sent it");
  });

  it("lists calls with one participant, and gets a call with all its artifacts", async () => {
    const calls = await call(live.session, "list_calls", { phoneNumber: "Main line", participant: alice });
    const ids = (calls.structuredContent?.calls as { id: string }[]).map((c) => c.id);
    assert.ok(ids.includes(SEED.calls.withArtifacts));
    const details = await call(live.session, "get_call", { id: SEED.calls.withArtifacts });
    assert.equal(details.isError, undefined, text(details));
    const s = details.structuredContent as Record<string, Record<string, unknown> & { status?: string }>;
    assert.equal(s.call?.id, SEED.calls.withArtifacts);
    assert.equal((s.recordings as unknown as { status: string }[])[0]?.status, "completed");
    assert.equal(s.summary?.status, "completed");
    assert.ok(Array.isArray(s.transcript?.dialogue));
    assert.equal(s.voicemail?.status, "absent", "a call without a voicemail says so instead of failing");
    const voicemail = await call(live.session, "get_call", { id: SEED.calls.voicemail, include: ["voicemail"] });
    const v = voicemail.structuredContent?.voicemail as { transcript: string };
    assert.match(v.transcript, /\w+/);
    assert.equal(voicemail.structuredContent?.summary, undefined, "only what was asked for is fetched");
  });

  it("never puts the key in a result or a log line", () => {
    assert.ok(!live.session.stderr().includes(TEST_KEY));
  });
});

describe("sandbox mode", () => {
  it("needs no key, says it is the sandbox in every result, and shows sends in the thread", async () => {
    const session = await connect({ args: ["--sandbox"] });
    try {
      const numbers = await call(session, "list_phone_numbers");
      assert.match(text(numbers), /SANDBOX/);
      assert.match(String(numbers.structuredContent?.notice), /no text reaches anyone/);
      const sent = await call(session, "send_message", { from: "Support", to: SEED.contacts.erin.number, content: "Your order shipped" });
      assert.match(text(sent), /SANDBOX/);
      const thread = await call(session, "list_messages", { phoneNumber: "Support", participants: [SEED.contacts.erin.number], maxResults: 1 });
      assert.deepEqual((thread.structuredContent?.messages as { out?: string }[]).map(({ out }) => out), ["Your order shipped"]);
      const failed = await call(session, "list_messages", { phoneNumber: "Nowhere", participants: [alice] });
      assert.equal(failed.isError, true);
      assert.match(text(failed), /SANDBOX/);
    } finally {
      await session.close();
    }
  });
});
