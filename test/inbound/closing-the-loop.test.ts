import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { CLI, call, connect, type Gateway, type Session, startGateway, TEST_KEY, text } from "../helpers/harness.js";

const CN = SEED.conversations.alice.id;

type Hook = { id: string; system?: string; url: string; events: string[]; key?: string };

/** The dated API's conversation actions, message retry and new webhooks, through the gateway. */
describe("closing the loop (dated API)", () => {
  let gateway: Gateway;
  let session: Session;
  const ws = () => gateway.sandbox.workspace(TEST_KEY);
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, args: ["--toolsets", "all"] });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, [], "every request and response keeps the contract of its spec");
  });

  it("marks a conversation done, read and open through the dated API, with its version header", async () => {
    for (const action of ["done", "read", "open"] as const) {
      const result = await call(session, "update_conversation", { id: CN, action });
      assert.equal(result.isError, undefined, text(result));
      const request = gateway.requests.at(-1);
      assert.equal(request?.path, `/quo/conversations/${CN}/mark-as-${action}`);
      assert.equal(request?.headers["quo-api-version"], "2026-03-30");
    }
    assert.deepEqual(ws().inbox.get(CN), { status: "open", read: true });
  });

  it("retries a failed text, and refuses a retry of one that did not fail, saying why", async () => {
    const failed = ws().messages.find((m) => m.direction === "outgoing");
    assert.ok(failed);
    (failed as { status: string }).status = "failed";
    const result = await call(session, "update_conversation", { id: failed.id, action: "retry" });
    assert.equal(result.isError, undefined, text(result));
    assert.equal(result.structuredContent?.retried, failed.id);
    assert.equal(failed.status, "queued");
    const again = await call(session, "update_conversation", { id: failed.id, action: "retry" });
    assert.equal(again.isError, true);
    assert.match(text(again), /Only failed messages can be retried/);
  });

  it("refuses mixed-up ids before sending anything", async () => {
    const before = gateway.requests.length;
    assert.match(text(await call(session, "update_conversation", { id: CN, action: "retry" })), /retry takes the failed message's id/);
    assert.match(text(await call(session, "update_conversation", { id: "AC123", action: "done" })), /takes a conversation id/);
    assert.equal(gateway.requests.length, before);
  });

  it("says plainly when the dated API is unavailable, and the rest keeps working", async () => {
    ws().datedApi = false;
    try {
      for (const action of ["done", "read", "open"] as const) {
        const marked = await call(session, "update_conversation", { id: CN, action });
        assert.equal(marked.isError, undefined, text(marked));
        assert.match(String(marked.structuredContent?.hint), /dated API was unavailable/);
        assert.equal(gateway.requests.at(-1)?.path, `/quo/v1/conversations/${CN}/mark-as-${action}`);
      }
      const retry = await call(session, "update_conversation", { id: "AC0000000001", action: "retry" });
      assert.equal(retry.isError, true);
      assert.match(text(retry), /needs Quo's dated API \(Quo-Api-Version 2026-03-30\).*Everything else keeps working/);
      const listed = await call(session, "manage_webhook", { action: "list" });
      assert.equal(listed.isError, undefined, text(listed));
      assert.match(String(listed.structuredContent?.hint), /Only legacy webhooks/);
    } finally {
      ws().datedApi = true;
    }
  });

  it("creates, lists and deletes a webhook in the new system, showing its whsec_ key once", async () => {
    const created = await call(session, "manage_webhook", { action: "create", url: "https://hooks.example.com/quo" });
    assert.equal(created.isError, undefined, text(created));
    const hook = created.structuredContent?.webhook as Hook;
    assert.equal(hook.system, "new");
    assert.match(String(hook.key), /^whsec_/);
    assert.deepEqual(hook.events, [
      "message.received",
      "call.completed",
      "call.missed",
      "call.recording.completed",
      "call.summary.completed",
      "call.transcript.completed",
      "call.voicemail.completed",
    ]);
    const post = gateway.requests.at(-1);
    assert.equal(post?.path, "/quo/webhooks");
    assert.equal(post?.headers["quo-api-version"], "2026-03-30");
    const listed = await call(session, "manage_webhook", { action: "list" });
    const found = (listed.structuredContent?.webhooks as Hook[]).find((w) => w.id === hook.id);
    assert.ok(found && found.key === undefined, "listed, without its key");
    const deleted = await call(session, "manage_webhook", { action: "delete", id: hook.id });
    assert.equal(deleted.structuredContent?.deleted, hook.id);
    assert.equal(ws().datedWebhooks.length, 0);
  });
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("quo-mcp webhooks register", () => {
  let gateway: Gateway;
  let env: Record<string, string>;
  before(async () => {
    gateway = await startGateway();
    env = { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url };
  });
  after(async () => {
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  it("creates a webhook for replies and call events and prints its secret once", async () => {
    const { code, stdout, stderr } = await runCli(["webhooks", "register", "--url", "https://mcp.example.com/webhooks/quo"], env);
    assert.equal(code, 0, stderr);
    const [hook] = gateway.sandbox.workspace(TEST_KEY).datedWebhooks;
    assert.equal(hook?.url, "https://mcp.example.com/webhooks/quo");
    assert.ok(hook?.events.includes("message.received") && hook.events.includes("call.transcript.completed"));
    assert.equal(stdout, `QUO_MCP_WEBHOOK_SECRET=${hook?.key}\n`);
    assert.ok(!stderr.includes(String(hook?.key)) && !stderr.includes(TEST_KEY));
  });

  it("refuses a URL Quo cannot deliver to, sending nothing", async () => {
    const before = gateway.requests.length;
    const plain = await runCli(["webhooks", "register", "--url", "http://mcp.example.com/webhooks/quo"], env);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /must be https/);
    const missing = await runCli(["webhooks", "register"], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--url is required/);
    assert.equal(gateway.requests.length, before);
  });
});

describe("the sandbox control", () => {
  it("injects an inbound text on demand", async () => {
    const gateway = await startGateway();
    try {
      const res = await fetch(`${gateway.url}/sandbox/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "message.received", from: SEED.contacts.bob.number, phoneNumber: SEED.numbers.main.id, text: "injected" }),
      });
      assert.equal(res.status, 202);
      const { data } = (await res.json()) as { data: { id: string } };
      const stored = gateway.sandbox.workspace(TEST_KEY).messages.find((m) => m.id === data.id);
      assert.equal(stored?.text, "injected");
      assert.equal(stored?.direction, "incoming");
      const bad = await fetch(`${gateway.url}/sandbox/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_KEY}` },
        body: JSON.stringify({ type: "nope" }),
      });
      assert.equal(bad.status, 400);
    } finally {
      await gateway.close();
    }
  });
});
