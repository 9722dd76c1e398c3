import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { tenantIdentity, webhookToken } from "../../src/inbound/tenant.js";
import { newWhsec } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, startGateway } from "../helpers/harness.js";
import { callTool, connectHttp, type HttpServer, startHttp, type ToolResult } from "../http/helpers.js";
import { deliverStandard, newEnvelope } from "./deliveries.js";
import { until } from "./helpers.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const uri = `quo://threads/${main.id}/${encodeURIComponent(alice)}`;
const KEY_A = "mtn_tenant_A_0123456789abcdef";
const KEY_B = "mtn_tenant_B_0123456789abcdef";
const TENANT_KEY = "operator-tenant-key-0123456789abcdef";

type Reply = { messages: { in: string }[]; timedOut: boolean };

/**
 * In --multi-tenant mode a delivery names its tenant with ?tenant=<token>, an HMAC of the
 * tenant's identity under the operator's key. Two tenants wait on the same thread (same seed
 * numbers, different Maton keys): an event for A reaches A's wait and subscription, never B's.
 */
describe("inbound events across tenants", () => {
  const whsec = newWhsec();
  let gateway: Gateway;
  let server: HttpServer;
  let a: Client;
  let b: Client;
  const updates = { a: [] as string[], b: [] as string[] };
  const waitingLines = () =>
    server
      .stderr()
      .split("\n")
      .filter((l) => l.includes('"waiting for a reply"')).length;

  before(async () => {
    gateway = await startGateway();
    server = await startHttp({
      args: ["--multi-tenant"],
      env: { MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url, QUO_MCP_WEBHOOK_SECRET: whsec, QUO_MCP_WEBHOOK_TENANT_KEY: TENANT_KEY },
    });
    a = await connectHttp(server.base, "streamable", { "x-maton-api-key": KEY_A });
    b = await connectHttp(server.base, "streamable", { "x-maton-api-key": KEY_B });
    a.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.a.push(n.params.uri));
    b.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.b.push(n.params.uri));
  });
  after(async () => {
    await a.close();
    await b.close();
    await server.stop();
    await gateway.close();
  });

  it("refuses a delivery that names no tenant", async () => {
    const event = newEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "whose?" });
    assert.equal((await deliverStandard(`${server.base}/webhooks/quo`, whsec, event)).status, 404);
  });

  it("wakes only the waits and subscriptions of the tenant whose webhook it is", async () => {
    await a.subscribeResource({ uri });
    await b.subscribeResource({ uri });
    const waitA: Promise<ToolResult> = callTool(a, "wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 5 });
    const waitB: Promise<ToolResult> = callTool(b, "wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 5 });
    await until(() => waitingLines() >= 2, "both tenants wait");
    const token = webhookToken(TENANT_KEY, tenantIdentity(KEY_A, undefined));
    const event = newEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "for tenant A only" });
    assert.equal((await deliverStandard(`${server.base}/webhooks/quo?tenant=${token}`, whsec, event)).status, 200);

    const [resultA, resultB] = await Promise.all([waitA, waitB]);
    assert.deepEqual(
      (resultA.structuredContent as Reply).messages.map((m) => m.in),
      ["for tenant A only"],
    );
    assert.deepEqual((resultB.structuredContent as Reply).messages, []);
    assert.equal((resultB.structuredContent as Reply).timedOut, true);
    await until(() => updates.a.includes(uri), "A's subscription hears it");
    assert.deepEqual(updates.b, [], "B's subscription hears nothing");
  });

  it("derives tokens no tenant can guess from its own", () => {
    const tokenA = webhookToken(TENANT_KEY, tenantIdentity(KEY_A, undefined));
    const tokenB = webhookToken(TENANT_KEY, tenantIdentity(KEY_B, undefined));
    assert.notEqual(tokenA, tokenB);
    assert.notEqual(webhookToken("another-operator-key-0123456789", tenantIdentity(KEY_A, undefined)), tokenA);
    assert.match(tokenA, /^[\w-]{32}$/);
    assert.ok(!server.stderr().includes(TENANT_KEY) && !server.stderr().includes(KEY_A));
  });
});
