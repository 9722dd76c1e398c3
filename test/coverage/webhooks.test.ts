import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, type Session, TEST_KEY, call, connect, startGateway, text } from "../helpers/harness.js";

type Hook = { id: string; kind?: string; url: string; events: string[]; status: string; numbers: string[]; key?: string; label?: string; createdAt?: string };

describe("manage_webhook", () => {
  let gateway: Gateway;
  let session: Session;
  const keyOf = (id: string) => gateway.sandbox.workspace(TEST_KEY).webhooks.find((w) => w.id === id)?.key;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, args: ["--toolsets", "webhooks"] });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });

  it("lists webhooks with their kind and never their signing keys", async () => {
    const result = await call(session, "manage_webhook", { action: "list" });
    assert.equal(result.isError, undefined, text(result));
    const hooks = result.structuredContent?.webhooks as Hook[];
    assert.deepEqual(hooks.map((h) => [h.id, h.kind, h.status]), [
      [SEED.webhooks.messages, "messages", "enabled"],
      [SEED.webhooks.calls, "calls", "disabled"],
    ]);
    for (const h of hooks) assert.ok(!text(result).includes(keyOf(h.id) as string), "no key in a listing");
  });

  it("gets one webhook, with its key only when asked", async () => {
    const plain = await call(session, "manage_webhook", { action: "get", id: SEED.webhooks.calls, verbose: true });
    assert.equal(plain.isError, undefined, text(plain));
    const hook = plain.structuredContent?.webhook as Hook;
    assert.deepEqual(hook.numbers, [SEED.numbers.main.id]);
    assert.equal(hook.key, undefined);
    assert.equal(typeof hook.createdAt, "string");
    const revealed = await call(session, "manage_webhook", { action: "get", id: SEED.webhooks.calls, revealKey: true });
    assert.equal((revealed.structuredContent?.webhook as Hook).key, keyOf(SEED.webhooks.calls));
  });

  it("creates each of the four kinds at its own endpoint, returning the key once", async () => {
    const made: Record<string, Hook> = {};
    for (const kind of ["messages", "calls", "call-summaries", "call-transcripts"]) {
      const result = await call(session, "manage_webhook", { action: "create", kind, url: `https://example.com/hooks/${kind}` });
      assert.equal(result.isError, undefined, text(result));
      const hook = result.structuredContent?.webhook as Hook;
      assert.equal(hook.kind, kind);
      assert.deepEqual(hook.numbers, ["*"]);
      assert.equal(hook.key, keyOf(hook.id));
      assert.match(String(result.structuredContent?.hint), /key/);
      made[kind] = hook;
    }
    assert.deepEqual(made.calls?.events, ["call.completed", "call.ringing", "call.recording.completed"], "events default to all of the kind");
    const posted = gateway.requests.filter((r) => r.method === "POST").map((r) => r.path);
    assert.deepEqual(posted, ["/quo/v1/webhooks/messages", "/quo/v1/webhooks/calls", "/quo/v1/webhooks/call-summaries", "/quo/v1/webhooks/call-transcripts"]);
  });

  it("creates for chosen numbers and events, disabled, with a label", async () => {
    const result = await call(session, "manage_webhook", {
      action: "create", kind: "messages", url: "https://example.com/in", events: ["message.received"],
      phoneNumbers: ["Support", "+15555550100"], label: "Inbound only", status: "disabled",
    });
    assert.equal(result.isError, undefined, text(result));
    const hook = result.structuredContent?.webhook as Hook;
    assert.deepEqual(hook.events, ["message.received"]);
    assert.deepEqual(hook.numbers, [SEED.numbers.support.id, SEED.numbers.main.id]);
    assert.equal(hook.status, "disabled");
    assert.equal(hook.label, "Inbound only");
  });

  it("deletes a webhook", async () => {
    const result = await call(session, "manage_webhook", { action: "delete", id: SEED.webhooks.messages });
    assert.equal(result.isError, undefined, text(result));
    assert.equal(result.structuredContent?.deleted, SEED.webhooks.messages);
    assert.equal(keyOf(SEED.webhooks.messages), undefined);
  });

  it("refuses events of another kind, a missing url or id, and a non-http url, sending nothing", async () => {
    const before = gateway.requests.length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ action: "create", kind: "call-summaries", url: "https://example.com/x", events: ["call.completed"] }, /call\.completed not allowed for kind call-summaries: use call\.summary\.completed/],
      [{ action: "create", kind: "calls" }, /url/],
      [{ action: "create", kind: "messages", url: "https://example.com/x", events: ["task.created"] }, /task\.created not allowed for kind messages/],
      [{ action: "create", kind: "calls", url: "ftp://example.com/x" }, /http\(s\) URL/],
      [{ action: "delete" }, /id/],
    ];
    for (const [args, message] of cases) {
      const result = await call(session, "manage_webhook", args);
      assert.equal(result.isError, true, JSON.stringify(args));
      assert.match(text(result), message);
    }
    assert.equal(gateway.requests.length, before);
  });
});
