import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { FAULT_NUMBERS, SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, call, connect, startGateway, text, useSession } from "../helpers/harness.js";

const alice = SEED.contacts.alice.number;
const main = SEED.numbers.main.id;

describe("bad arguments", () => {
  const live = useSession({ args: ["--toolsets", "all"] });

  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    ["a number that cannot be a phone number", "send_message", { from: main, to: "12", content: "hi" }, /cannot be a phone number/],
    ["letters instead of a number", "send_message", { from: main, to: "call me", content: "hi" }, /is not a phone number/],
    ["a blank text", "send_message", { from: main, to: alice, content: "   " }, /content.*|blank/],
    ["a text over 1600 characters", "send_message", { from: main, to: alice, content: "x".repeat(1601) }, /1600/],
    ["more than 10 recipients", "send_message", { from: main, to: Array.from({ length: 11 }, (_, i) => `+1555555014${i % 10}${i}`), content: "hi" }, /at most 10/],
    ["a missing sender", "send_message", { to: alice, content: "hi" }, /from/],
    ["createdAfter later than createdBefore", "list_messages", { phoneNumber: main, participants: [alice], createdAfter: "2026-11-02T00:00:00Z", createdBefore: "2026-11-01T00:00:00Z" }, /createdAfter.*createdBefore|must not be after createdBefore/],
    ["a date that is not ISO 8601", "list_calls", { phoneNumber: main, participant: alice, createdAfter: "yesterday" }, /ISO 8601/],
    ["a page size out of bounds", "list_users", { maxResults: 0 }, /at least 1/],
    ["a thread without participants", "list_messages", { phoneNumber: main }, /participants/],
    ["a call id with the wrong prefix", "get_call", { id: "CN123" }, /call id/],
    ["an unknown connection action", "manage_connection", { action: "rename" }, /list, create, get, delete/],
    ["a connection id that is half a character", "manage_connection", { action: "get", connectionId: "\ud800" }, /connection id/],
    ["a text with half an emoji", "send_message", { from: main, to: alice, content: "See you \ud83d soon" }, /broken character/],
  ];

  for (const [what, tool, args, message] of cases) {
    it(`refuses ${what}, says what to fix, and sends nothing`, async () => {
      const before = live.gateway.requests.length;
      const result = await call(live.session, tool, args);
      assert.equal(result.isError, true);
      assert.match(text(result), message);
      assert.equal(live.gateway.requests.length, before, "no request reached the gateway");
    });
  }

  it("names the workspace's numbers when the sender is unknown, and sends nothing", async () => {
    const result = await call(live.session, "send_message", { from: "Sales", to: alice, content: "hi" });
    assert.equal(result.isError, true);
    const error = result.structuredContent?.error as { remedy: string; argument: string; message: string };
    assert.equal(error.remedy, "fix_arguments");
    assert.equal(error.argument, "from");
    assert.match(error.message, /Main line \(\+15555550100, PNmain0100\)/);
    assert.equal(live.gateway.requests.filter((r) => r.method === "POST").length, 0);
  });
});

describe("error mapping", () => {
  const live = useSession();

  const send = (to: string) => call(live.session, "send_message", { from: "Main line", to, content: "Hello there" });
  type ErrorPart = { remedy: string; code?: string; status?: number; trace?: string; message: string };

  it("asks the person when the workspace has no credits (0201402)", async () => {
    const result = await send(FAULT_NUMBERS.noCredits);
    const error = result.structuredContent?.error as ErrorPart;
    assert.equal(result.isError, true);
    assert.equal(error.remedy, "ask_user");
    assert.equal(error.code, "0201402");
    assert.match(error.message, /credits/);
    assert.ok(error.trace, "Quo's trace id is kept");
  });

  it("asks the person to finish A2P registration (0206400)", async () => {
    const error = (await send(FAULT_NUMBERS.a2pNotApproved)).structuredContent?.error as ErrorPart;
    assert.equal(error.code, "0206400");
    assert.equal(error.remedy, "ask_user");
    assert.match(error.message, /A2P/);
  });

  it("asks the person for access when they are not a member of the number (0202403)", async () => {
    const error = (await send(FAULT_NUMBERS.notPhoneNumberUser)).structuredContent?.error as ErrorPart;
    assert.equal(error.code, "0202403");
    assert.match(error.message, /member/);
  });

  it("reads the live error shape {error: {message, key, trace}} and keeps its trace", async () => {
    const error = (await send(FAULT_NUMBERS.internalError)).structuredContent?.error as ErrorPart;
    assert.equal(error.status, 500);
    assert.ok(error.trace);
    assert.equal(error.remedy, "retry_later");
  });

  it("tells the model to fix an id Quo does not know", async () => {
    const result = await call(live.session, "list_messages", { id: "ACdoesnotexist" });
    const error = result.structuredContent?.error as ErrorPart;
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
    assert.ok(!/\bat\s+\S+\.(js|ts):\d+/.test(text(result)), "no stack trace");
  });

  it("never shows the key", () => {
    assert.ok(!live.session.stderr().includes(TEST_KEY));
  });
});

describe("a refused Maton key", () => {
  it("says to check MATON_API_KEY without repeating it", async () => {
    const gateway = await startGateway({ acceptKey: (key) => key !== "mtn_revoked_key_123456" });
    const session = await connect({ gateway, key: "mtn_revoked_key_123456" });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.isError, true);
      assert.match(text(result), /MATON_API_KEY/);
      assert.ok(!text(result).includes("mtn_revoked_key_123456"));
      assert.ok(!session.stderr().includes("mtn_revoked_key_123456"));
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});

describe("a send whose outcome is unknown", () => {
  it("says so, tells the model to check list_messages, and is never repeated", async () => {
    let posts = 0;
    const fake = createServer((req, res) => {
      if (req.method === "POST") {
        posts += 1;
        req.socket.destroy();
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ data: [{ id: main, number: "+15555550100", name: "Main line", users: [] }], nextPageToken: null, totalItems: 1 }));
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const session = await connect({ env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: url, MATON_CTRL_URL: url } });
    try {
      const result = await call(session, "send_message", { from: "Main line", to: alice, content: "Are we still on?" });
      assert.equal(result.isError, true);
      const error = result.structuredContent?.error as { remedy: string; message: string };
      assert.match(error.message, /may or may not have been sent/);
      assert.match(error.message, /list_messages/);
      assert.equal(posts, 1, "the send reached the gateway exactly once");
    } finally {
      await session.close();
      fake.close();
    }
  });
});
