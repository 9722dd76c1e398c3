import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, text } from "../helpers/harness.js";
import { errorOf, refusedFor, useInProcess } from "../helpers/in-process.js";

type Hook = { id: string; kind?: string; url: string; events: string[]; status: string; numbers: string[]; key?: string; label?: string; createdAt?: string };

describe("manage_webhook", () => {
  const s = useInProcess({ toolsets: ["webhooks"] });
  const keyOf = (id: string) => s.gateway.sandbox.workspace(TEST_KEY).webhooks.find((w) => w.id === id)?.key;

  it("lists webhooks with their kind and never their signing keys", async () => {
    const result = await s.call("manage_webhook", { action: "list" });
    assert.equal(result.isError, undefined, text(result));
    const hooks = result.structuredContent?.webhooks as Hook[];
    assert.deepEqual(
      hooks.map((h) => [h.id, h.kind, h.status]),
      [
        [SEED.webhooks.messages, "messages", "enabled"],
        [SEED.webhooks.calls, "calls", "disabled"],
      ],
    );
    for (const h of hooks) assert.ok(!text(result).includes(keyOf(h.id) as string), "no key in a listing");
  });

  it("gets one webhook, with its key only when asked", async () => {
    const plain = await s.call("manage_webhook", { action: "get", id: SEED.webhooks.calls, verbose: true });
    assert.equal(plain.isError, undefined, text(plain));
    const hook = plain.structuredContent?.webhook as Hook;
    assert.deepEqual(hook.numbers, [SEED.numbers.main.id]);
    assert.equal(hook.key, undefined);
    assert.equal(typeof hook.createdAt, "string");
    const revealed = await s.call("manage_webhook", { action: "get", id: SEED.webhooks.calls, revealKey: true });
    assert.equal((revealed.structuredContent?.webhook as Hook).key, keyOf(SEED.webhooks.calls));
  });

  it("creates each of the four kinds at its own endpoint, returning the key once", async () => {
    const made: Record<string, Hook> = {};
    for (const kind of ["messages", "calls", "call-summaries", "call-transcripts"]) {
      const result = await s.call("manage_webhook", { action: "create", kind, url: `https://example.com/hooks/${kind}` });
      assert.equal(result.isError, undefined, text(result));
      const hook = result.structuredContent?.webhook as Hook;
      assert.equal(hook.kind, kind);
      assert.deepEqual(hook.numbers, ["*"]);
      assert.equal(hook.key, keyOf(hook.id));
      assert.match(String(result.structuredContent?.hint), /key/);
      made[kind] = hook;
    }
    assert.deepEqual(made.calls?.events, ["call.completed", "call.ringing", "call.recording.completed"], "events default to all of the kind");
    const posted = s.gateway.requests.filter((r) => r.method === "POST").map((r) => r.path);
    assert.deepEqual(posted, ["/quo/v1/webhooks/messages", "/quo/v1/webhooks/calls", "/quo/v1/webhooks/call-summaries", "/quo/v1/webhooks/call-transcripts"]);
  });

  it("creates for chosen numbers and events, disabled, with a label", async () => {
    const result = await s.call("manage_webhook", {
      action: "create",
      kind: "messages",
      url: "https://example.com/in",
      events: ["message.received"],
      phoneNumbers: ["Support", "+15555550100"],
      label: "Inbound only",
      status: "disabled",
    });
    assert.equal(result.isError, undefined, text(result));
    const hook = result.structuredContent?.webhook as Hook;
    assert.deepEqual(hook.events, ["message.received"]);
    assert.deepEqual(hook.numbers, [SEED.numbers.support.id, SEED.numbers.main.id]);
    assert.equal(hook.status, "disabled");
    assert.equal(hook.label, "Inbound only");
  });

  it("deletes a webhook", async () => {
    const result = await s.call("manage_webhook", { action: "delete", id: SEED.webhooks.messages });
    assert.equal(result.isError, undefined, text(result));
    assert.equal(result.structuredContent?.deleted, SEED.webhooks.messages);
    assert.equal(keyOf(SEED.webhooks.messages), undefined);
  });

  it("refuses events of another kind, a missing url or id, and a non-http url, sending nothing", async () => {
    const before = s.gateway.requests.length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { action: "create", kind: "call-summaries", url: "https://example.com/x", events: ["call.completed"] },
        "events",
        /call\.completed not allowed for kind call-summaries: use call\.summary\.completed/,
      ],
      [{ action: "create", kind: "calls" }, "url", /required for action "create"/],
      [{ action: "create", kind: "messages", url: "https://example.com/x", events: ["task.created"] }, "events", /task\.created not allowed for kind messages/],
      [{ action: "create", kind: "calls", url: "ftp://example.com/x" }, "url", /http\(s\) URL/],
      [{ action: "delete" }, "id", /required for action "delete"/],
      [{ action: "get", id: "TK123" }, "id", /WH/],
      [{ action: "rename" }, "action", /list, get, create, delete/],
    ];
    for (const [args, argument, message] of cases) refusedFor(await s.call("manage_webhook", args), argument, message);
    assert.equal(s.gateway.requests.length, before);
  });

  it("refuses a phone number that is not the workspace's, creating nothing", async () => {
    const before = s.gateway.requests.filter((r) => r.method === "POST").length;
    refusedFor(
      await s.call("manage_webhook", { action: "create", kind: "messages", url: "https://example.com/in", phoneNumbers: ["Sales"] }),
      "phoneNumbers.0",
      /Main line/,
    );
    assert.equal(s.gateway.requests.filter((r) => r.method === "POST").length, before);
  });

  it("tells the model to fix a webhook id Quo does not know", async () => {
    assert.equal(errorOf(await s.call("manage_webhook", { action: "get", id: "WHnosuchhook" })).status, 404);
  });
});
