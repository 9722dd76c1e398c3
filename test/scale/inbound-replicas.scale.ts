// One webhook, many replicas: Quo delivers an event to whichever replica its load balancer
// picks, and the wait it ends may be running on another. Two built replicas share a real
// redis-server (the event bus's pub/sub) and the sandbox gateway; the delivery goes to replica 1,
// the wait runs on replica 2. Run by `npm run test:scale` (test/scale/run.mjs).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { tenantIdentity, webhookToken } from "../../src/inbound/tenant.js";
import { newWhsec } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, startGateway, TEST_KEY } from "../helpers/harness.js";
import { deliverStandard, newEnvelope } from "../inbound/deliveries.js";
import { connectMcp, eventually, type McpClient, type RedisServer, type Replica, startRedis, startReplica, status } from "./cluster.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const KEY_A = "mtn_tenant_A_0123456789abcdef";
const KEY_B = "mtn_tenant_B_0123456789abcdef";
const TENANT_KEY = "operator-tenant-key-0123456789abcdef";

type Reply = { messages: { in: string }[]; timedOut: boolean };

const count = (replica: Replica, line: string) =>
  replica
    .stderr()
    .split("\n")
    .filter((l) => l.includes(`"${line}"`)).length;

async function startPair(gateway: Gateway, redis: RedisServer, env: Record<string, string>, args: string[] = []): Promise<Replica[]> {
  const replicas = await Promise.all(
    [1, 2].map(() =>
      startReplica(
        {
          MATON_GATEWAY_URL: gateway.url,
          MATON_CTRL_URL: gateway.url,
          QUO_MCP_REDIS_URL: redis.url,
          QUO_MCP_EXPECTED_REPLICAS: "2",
          // The wait's "waiting for a reply" line is at debug: it says the wait is listening.
          QUO_MCP_LOG_LEVEL: "debug",
          ...env,
        },
        args,
      ),
    ),
  );
  await eventually(async () => (await Promise.all(replicas.map((r) => status(`${r.base}/readyz`)))).every((s) => s === 200), "both replicas to reach Redis");
  return replicas;
}

describe("a webhook delivered to one replica wakes a wait on another", () => {
  const whsec = newWhsec();
  let gateway: Gateway;
  let redis: RedisServer;
  let replicas: Replica[] = [];
  let client: McpClient | undefined;

  before(async () => {
    gateway = await startGateway();
    redis = await startRedis();
    replicas = await startPair(gateway, redis, { MATON_API_KEY: TEST_KEY, QUO_MCP_WEBHOOK_SECRET: whsec });
  });
  after(async () => {
    await client?.close();
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.stop();
    await gateway?.close();
  });

  it("returns the message delivered to replica 1 from the wait on replica 2", async () => {
    const [one, two] = replicas as [Replica, Replica];
    client = await connectMcp(two.base);
    const wait = client.call("wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 20 });
    await eventually(() => count(two, "waiting for a reply") >= 1, "replica 2's wait to listen");

    const event = newEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "delivered to replica 1" });
    assert.equal((await deliverStandard(`${one.base}/webhooks/quo`, whsec, event)).status, 200);

    const reply = (await wait).structuredContent as Reply;
    assert.equal(reply.timedOut, false);
    assert.deepEqual(
      reply.messages.map((m) => m.in),
      ["delivered to replica 1"],
    );
    assert.equal(count(one, "webhook event received"), 1, "replica 1 received the delivery once");
    assert.equal(count(two, "webhook event received"), 0, "replica 2 heard it only through Redis");
  });
});

describe("across replicas with --multi-tenant, a delivery wakes only its own tenant's wait", () => {
  const whsec = newWhsec();
  let gateway: Gateway;
  let redis: RedisServer;
  let replicas: Replica[] = [];
  const clients: McpClient[] = [];

  before(async () => {
    gateway = await startGateway();
    redis = await startRedis();
    replicas = await startPair(gateway, redis, { QUO_MCP_WEBHOOK_SECRET: whsec, QUO_MCP_WEBHOOK_TENANT_KEY: TENANT_KEY }, ["--multi-tenant"]);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.stop();
    await gateway?.close();
  });

  it("wakes tenant A's wait on replica 2 and leaves tenant B's to time out", async () => {
    const [one, two] = replicas as [Replica, Replica];
    const a = await connectMcp(two.base, { "x-maton-api-key": KEY_A });
    const b = await connectMcp(two.base, { "x-maton-api-key": KEY_B });
    clients.push(a, b);
    const waitA = a.call("wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 20 });
    const waitB = b.call("wait_for_reply", { phoneNumber: main.id, participants: alice, timeoutSeconds: 5 });
    await eventually(() => count(two, "waiting for a reply") >= 2, "both tenants' waits on replica 2 to listen");

    const token = webhookToken(TENANT_KEY, tenantIdentity(KEY_A, undefined));
    const event = newEnvelope({ from: alice, to: main.number, phoneNumberId: main.id, text: "for tenant A only" });
    assert.equal((await deliverStandard(`${one.base}/webhooks/quo?tenant=${token}`, whsec, event)).status, 200);

    const [replyA, replyB] = (await Promise.all([waitA, waitB])).map((r) => r.structuredContent as Reply) as [Reply, Reply];
    assert.equal(replyA.timedOut, false);
    assert.deepEqual(
      replyA.messages.map((m) => m.in),
      ["for tenant A only"],
    );
    assert.equal(replyB.timedOut, true);
    assert.deepEqual(replyB.messages, []);
    assert.equal(count(one, "webhook event received"), 1);
    for (const replica of replicas) {
      const log = replica.stderr();
      assert.ok(!log.includes(TENANT_KEY) && !log.includes(KEY_A) && !log.includes(KEY_B), "no key reaches a log");
    }
  });
});
