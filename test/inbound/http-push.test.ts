import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { completeArtifacts, newWhsec, receiveMessage } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, startGateway, TEST_KEY } from "../helpers/harness.js";
import { callTool, connectHttp, type HttpServer, startHttp, type ToolResult, text } from "../http/helpers.js";
import { deliverLegacy, deliverStandard, legacyEnvelope, newEnvelope } from "./deliveries.js";
import { threadReads, until } from "./helpers.js";

const main = SEED.numbers.main;
const C = SEED.contacts;

type Reply = { messages: { id: string; in: string }[]; timedOut: boolean };

/** End to end over HTTP with Quo's webhooks: real signatures of both schemes wake the waits; nothing polls. */
describe("wait_for_reply over HTTP (push)", () => {
  const whsec = newWhsec();
  const legacyKey = randomBytes(32).toString("base64");
  let gateway: Gateway;
  let server: HttpServer;
  let client: Client;
  let hook: string;
  let waitsLogged = 0;
  const waitingLines = () =>
    server
      .stderr()
      .split("\n")
      .filter((l) => l.includes('"waiting for a reply"')).length;

  /** Starts a wait and resolves once the server says it is listening (wrapped: an async function would adopt the promise). */
  async function startWait(participant: string, timeoutSeconds = 20): Promise<{ result: Promise<ToolResult> }> {
    const result = callTool(client, "wait_for_reply", { phoneNumber: main.id, participants: participant, timeoutSeconds });
    const expected = ++waitsLogged;
    await until(() => waitingLines() >= expected, "the server listens for the reply");
    return { result };
  }

  before(async () => {
    gateway = await startGateway();
    server = await startHttp({
      env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url, QUO_MCP_WEBHOOK_SECRET: `${whsec}, ${legacyKey}` },
    });
    client = await connectHttp(server.base, "streamable");
    hook = `${server.base}/webhooks/quo`;
  });
  after(async () => {
    await client.close();
    await server.stop();
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  /** A webhook in the sandbox's dated API, pointed at this server and signed with its secret: the sandbox delivers to it itself. */
  const registerSandboxHook = (ws: ReturnType<Gateway["sandbox"]["workspace"]>, id: string, events: string[]) =>
    ws.datedWebhooks.push({
      id,
      orgId: SEED.orgId,
      label: null,
      status: "enabled",
      url: hook,
      createdAt: ws.nowIso(),
      updatedAt: ws.nowIso(),
      apiVersion: "2026-03-30",
      events,
      resourceIds: ["*"],
      key: whsec,
    });

  it("wakes a wait with a Standard Webhooks delivery (whsec_ key)", async () => {
    const { result: waiting } = await startWait(C.alice.number);
    const event = newEnvelope({ from: C.alice.number, to: main.number, phoneNumberId: main.id, text: "pushed: see you at 3" });
    const answer = await deliverStandard(hook, whsec, event);
    assert.equal(answer.status, 200, answer.body);
    const result = await waiting;
    const reply = result.structuredContent as Reply;
    assert.equal(reply.timedOut, false, text(result));
    assert.deepEqual(
      reply.messages.map((m) => [m.id, m.in]),
      [[event.data.resource.id, "pushed: see you at 3"]],
    );
    assert.equal(threadReads(gateway, C.alice.number).length, 0, "with webhooks, nothing polls the thread");
  });

  it("wakes a wait with a legacy openphone-signature delivery (base64 key)", async () => {
    const { result: waiting } = await startWait(C.bob.number);
    const event = legacyEnvelope({ from: C.bob.number, to: main.number, phoneNumberId: main.id, text: "legacy: on my way" });
    const answer = await deliverLegacy(hook, legacyKey, event);
    assert.equal(answer.status, 200, answer.body);
    const reply = (await waiting).structuredContent as Reply;
    assert.deepEqual(
      reply.messages.map((m) => m.in),
      ["legacy: on my way"],
    );
  });

  it("gathers a burst into one answer", async () => {
    const { result: waiting } = await startWait(C.carol.number);
    for (const words of ["one", "two", "three"]) {
      const answer = await deliverStandard(hook, whsec, newEnvelope({ from: C.carol.number, to: main.number, phoneNumberId: main.id, text: words }));
      assert.equal(answer.status, 200);
    }
    const reply = (await waiting).structuredContent as Reply;
    assert.deepEqual(
      reply.messages.map((m) => m.in),
      ["one", "two", "three"],
    );
  });

  it("hears the sandbox's own signed delivery to a webhook registered there", async () => {
    const ws = gateway.sandbox.workspace(TEST_KEY);
    registerSandboxHook(ws, "9001", ["message.received"]);
    try {
      const { result: waiting } = await startWait(C.dan.number);
      const sent = receiveMessage(ws, { from: C.dan.number, phoneNumber: main.id, text: "from the sandbox, signed" });
      const reply = (await waiting).structuredContent as Reply;
      assert.deepEqual(
        reply.messages.map((m) => [m.id, m.in]),
        [[sent.id, "from the sandbox, signed"]],
      );
    } finally {
      ws.datedWebhooks.splice(0, ws.datedWebhooks.length);
    }
  });

  it("wakes get_call waitSeconds with the call's summary and transcript events", async () => {
    const ws = gateway.sandbox.workspace(TEST_KEY);
    registerSandboxHook(ws, "9002", ["call.summary.completed", "call.transcript.completed"]);
    try {
      const id = SEED.calls.outgoingAnswered;
      let done = false;
      const waiting = callTool(client, "get_call", { id, include: ["summary", "transcript"], waitSeconds: 20 }).finally(() => {
        done = true;
      });
      await until(() => gateway.requests.some((r) => r.path === `/quo/v1/call-summaries/${id}`), "the first fetch");
      // Each round is a new event: whichever lands after the wait listens wakes it.
      while (!done) {
        completeArtifacts(ws, id);
        await Promise.race([waiting, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      const content = (await waiting).structuredContent as { summary: { status?: string; summary?: string[] }; transcript: { status?: string; text?: string } };
      assert.equal(content.summary.status, undefined, "a ready summary carries no status");
      assert.deepEqual(content.summary.summary, ["The caller asked to move the appointment to Friday."]);
      assert.equal(content.transcript.status, undefined, "a ready transcript carries no status");
      assert.match(String(content.transcript.text), /^0:00 A: Hi, could we move my appointment to Friday\?$/);
      const checks = gateway.requests.filter((r) => r.path === `/quo/v1/call-summaries/${id}`).length;
      assert.equal(checks, 2, "fetched once, then once more when the event came: no polling");
    } finally {
      ws.datedWebhooks.splice(0, ws.datedWebhooks.length);
    }
  });

  it("never logs a secret", () => {
    for (const secret of [whsec, legacyKey, whsec.slice("whsec_".length)]) assert.ok(!server.stderr().includes(secret), "a webhook secret reached the log");
  });
});
