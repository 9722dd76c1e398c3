import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { signLegacy, signStandard } from "../../src/inbound/signatures.js";
import { newWhsec } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, startGateway, TEST_KEY } from "../helpers/harness.js";
import { callTool, connectHttp, type HttpServer, logLines, startHttp, type ToolResult } from "../http/helpers.js";
import { deliverLegacy, deliverStandard, legacyEnvelope, newEnvelope, post } from "./deliveries.js";
import { until } from "./helpers.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const toAlice = () => newEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "must never be heard" });
const SIX_MINUTES = 6 * 60_000;

/**
 * Everything a receiver on the open internet meets that is not a good delivery. A wait on the
 * thread runs throughout: none of these may wake it, crash the server or log a secret.
 */
describe("the webhook receiver", () => {
  const whsec = newWhsec();
  const legacyKey = randomBytes(32).toString("base64");
  let gateway: Gateway;
  let server: HttpServer;
  let client: Client;
  let hook: string;
  let waiting: Promise<ToolResult>;

  before(async () => {
    gateway = await startGateway();
    server = await startHttp({
      env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url, QUO_MCP_WEBHOOK_SECRET: `${whsec},${legacyKey}` },
    });
    client = await connectHttp(server.base, "streamable");
    hook = `${server.base}/webhooks/quo`;
    waiting = callTool(client, "wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 8 });
    await until(() => server.stderr().includes('"waiting for a reply"'), "the wait listens");
  });
  after(async () => {
    await client.close();
    await server.stop();
    await gateway.close();
  });

  it("refuses a bad or missing signature with 401", async () => {
    const event = toAlice();
    assert.equal((await deliverStandard(hook, newWhsec(), event)).status, 401, "signed with another key");
    assert.equal((await deliverLegacy(hook, randomBytes(32).toString("base64"), event)).status, 401, "legacy, another key");
    assert.equal((await post(hook, JSON.stringify(event), {})).status, 401, "no signature");
    const body = JSON.stringify(event);
    const headers = signStandard(whsec, event.id, body);
    assert.equal((await post(hook, `${body} `, headers)).status, 401, "a body changed after signing");
    assert.equal((await post(hook, body, { ...headers, "webhook-signature": "v1,AAAA" })).status, 401, "a made-up signature");
    assert.equal((await post(hook, body, { "openphone-signature": "hmac;1;nonsense" })).status, 401, "a malformed legacy header");
  });

  it("refuses a timestamp more than 5 minutes off, in both schemes", async () => {
    assert.equal((await deliverStandard(hook, whsec, toAlice(), { at: new Date(Date.now() - SIX_MINUTES) })).status, 401);
    assert.equal((await deliverStandard(hook, whsec, toAlice(), { at: new Date(Date.now() + SIX_MINUTES) })).status, 401);
    assert.equal(
      (await deliverLegacy(hook, legacyKey, legacyEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "old" }), Date.now() - SIX_MINUTES))
        .status,
      401,
    );
  });

  it("refuses a body over 1 MB with 413", async () => {
    const big = JSON.stringify({ ...toAlice(), padding: "x".repeat(1024 * 1024) });
    const answer = await post(hook, big, signStandard(whsec, "msg_big", big));
    assert.equal(answer.status, 413);
  });

  it("refuses a signed body that is not JSON, or not an event, with 400", async () => {
    const text = "this is not json";
    assert.equal((await post(hook, text, signStandard(whsec, "msg_text", text))).status, 400);
    const notEvent = JSON.stringify({ hello: "world" });
    assert.equal((await post(hook, notEvent, signStandard(whsec, "msg_obj", notEvent))).status, 400);
  });

  it("acknowledges an unknown event type and ignores it", async () => {
    const event = { ...toAlice(), type: "something.new" };
    assert.equal((await deliverStandard(hook, whsec, event)).status, 200);
  });

  it("ignores a text to another of the numbers", async () => {
    const event = newEnvelope({ from: alice, to: SEED.numbers.support.number, phoneNumberId: SEED.numbers.support.id, text: "for support" });
    assert.equal((await deliverStandard(hook, whsec, event)).status, 200);
  });

  it("acknowledges a repeated delivery and handles it once", async () => {
    const event = newEnvelope({ from: SEED.contacts.bob.number, to: main.number, phoneNumberId: main.id, text: "twice?" });
    const first = await deliverStandard(hook, whsec, event);
    const again = await deliverStandard(hook, whsec, event);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(again.body), { received: true, duplicate: true });
    await until(() => logLines(server.stderr()).some((l) => l.delivery === event.id && l.msg === "webhook event received"), "the first is handled");
    assert.equal(logLines(server.stderr()).filter((l) => l.delivery === event.id && l.msg === "webhook event received").length, 1);
  });

  it("woke no wait, kept serving, and logged no secret", async () => {
    const result = await waiting;
    assert.deepEqual(result.structuredContent?.messages, []);
    assert.equal(result.structuredContent?.timedOut, true);
    assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
    assert.equal(server.child.exitCode, null);
    const log = server.stderr();
    for (const secret of [whsec, whsec.slice(6), legacyKey]) assert.ok(!log.includes(secret), "a secret reached the log");
    assert.ok(!/"level":50/.test(log), "no error was logged");
  });
});

describe("the webhook receiver, unconfigured", () => {
  it("is not served without a secret: waits poll instead", async () => {
    const gateway = await startGateway();
    const server = await startHttp({ env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url } });
    try {
      const body = JSON.stringify(toAlice());
      const answer = await post(`${server.base}/webhooks/quo`, body, signStandard(newWhsec(), "msg_1", body));
      assert.equal(answer.status, 404);
      assert.match(server.stderr(), /"inbound":"polling"/);
    } finally {
      await server.stop();
      await gateway.close();
    }
  });

  it("signs legacy deliveries as Quo documents: hmac;1;<ms>;<base64>", () => {
    const header = signLegacy(Buffer.from("key").toString("base64"), "{}", 1639710054089);
    assert.match(header, /^hmac;1;1639710054089;[A-Za-z0-9+/]+=*$/);
  });
});
