// Many replicas, one phone line: a real redis-server, a real HAProxy running deploy/haproxy.cfg,
// three replicas of the built server and the fault-injecting gateway, all on loopback. Run by
// `npm run test:scale` (test/scale/run.mjs), which skips it with one line when a binary is missing.
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { sessionTag } from "../../src/transports/http-sessions.js";
import { type Arrival, FAKE_NUMBER, peakInWindow } from "../helpers/fault-gateway.js";
import { TEST_KEY } from "../helpers/harness.js";
import {
  connectMcp,
  eventually,
  type Haproxy,
  type McpClient,
  type RedisServer,
  type Replica,
  resultText,
  startHaproxy,
  startRedis,
  startReplica,
  status,
} from "./cluster.js";
import { type RemoteGateway as FaultGateway, startRemoteGateway as startFaultGateway } from "./remote-gateway.js";

const RATE = 10;
const READ = { phoneNumber: FAKE_NUMBER.id, participants: ["+15555550123"] };
const reads = (arrivals: Arrival[]) => arrivals.filter((a) => a.method === "GET");
const posts = async (gw: FaultGateway) => (await gw.seen("POST /v1/messages")).length;

/** Every replica's /readyz answers `code`. */
/** How many replicas HAProxy itself routes new sessions to (deploy/haproxy.cfg answers this). */
const lbReady = async (haproxy: Haproxy) => {
  try {
    return Number(await (await fetch(`${haproxy.base}/haproxy/ready-replicas`)).text());
  } catch {
    return -1;
  }
};
const allReady = async (replicas: Replica[], code: number) => (await Promise.all(replicas.map((r) => status(`${r.base}/readyz`)))).every((s) => s === code);

async function startCluster(gw: FaultGateway, redis: RedisServer, env: Record<string, string>, args: string[] = []) {
  const replicas = await Promise.all(
    [1, 2, 3].map(() =>
      startReplica({ MATON_GATEWAY_URL: gw.url, MATON_CTRL_URL: gw.url, QUO_MCP_REDIS_URL: redis.url, QUO_MCP_EXPECTED_REPLICAS: "3", ...env }, args),
    ),
  );
  await eventually(() => allReady(replicas, 200), "every replica to reach Redis");
  const haproxy = await startHaproxy(replicas);
  await eventually(async () => (await lbReady(haproxy)) === 3, "HAProxy to count three ready replicas");
  return { replicas, haproxy };
}

/** Stops what a suite started, clients first, and whatever of the rest got as far as starting. */
async function stopCluster(clients: McpClient[], haproxy?: Haproxy, replicas?: Replica[], redis?: RedisServer, gw?: FaultGateway) {
  await Promise.all(clients.map((c) => c.close()));
  await haproxy?.stop();
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await redis?.stop();
  await gw?.close();
}

describe("three replicas on one Maton key, behind HAProxy, sharing Redis", () => {
  let gw: FaultGateway;
  let redis: RedisServer;
  let replicas: Replica[];
  let haproxy: Haproxy;
  const clients: McpClient[] = [];
  const connect = async (base: string) => {
    const client = await connectMcp(base);
    clients.push(client);
    return client;
  };

  before(async () => {
    gw = await startFaultGateway();
    redis = await startRedis();
    ({ replicas, haproxy } = await startCluster(gw, redis, { MATON_API_KEY: TEST_KEY }));
  });

  after(() => stopCluster(clients, haproxy, replicas, redis, gw));

  it("1. 150 concurrent reads through HAProxy: none fails, never more than 10 per second upstream, within 1.15x of the floor", async () => {
    await gw.rateLimit(RATE);
    // Fifteen sessions, spread by HAProxy over the three replicas, ten calls each at once.
    const sessions = await Promise.all(Array.from({ length: 15 }, () => connect(haproxy.base)));
    const first = (await gw.arrivals()).length;
    const started = performance.now();
    const results = await Promise.all(sessions.flatMap((session) => Array.from({ length: 10 }, () => session.call("list_messages", READ))));
    const seconds = (performance.now() - started) / 1000;
    await gw.rateLimit(undefined);
    const seen = (await gw.arrivals()).slice(first);
    assert.deepEqual(results.filter((r) => r.isError).map(resultText), []);
    assert.equal(seen.filter((a) => a.rateLimited).length, 0, "the gateway had to refuse requests (429)");
    const peak = peakInWindow(seen, 1000);
    assert.ok(peak <= RATE, `the gateway saw ${peak} requests within one second`);
    const floor = 150 / RATE;
    assert.ok(seconds <= floor * 1.15, `150 reads took ${seconds.toFixed(2)} s, more than 1.15 x the ${floor} s floor`);
    // Every replica took part (the budget was shared, not served by one), and none logged an error.
    const logs = replicas.map((r) => r.stderr());
    assert.ok(
      logs.every((log) => /"method":"POST","path":"\/mcp"/.test(log)),
      "HAProxy left a replica out",
    );
    assert.ok(
      logs.every((log) => !/"level":(50|60)/.test(log)),
      "a replica logged an error",
    );
  });

  it("2. the same send_message at the same moment through two replicas: one POST, the other refused as a duplicate", async () => {
    const [a, b] = await Promise.all([connect(replicas[0]!.base), connect(replicas[1]!.base)]);
    const before = await posts(gw);
    const send = { from: FAKE_NUMBER.id, to: ["+15555550123"], content: "Your table for two is ready." };
    const results = await Promise.all([a.call("send_message", send), b.call("send_message", send)]);
    assert.equal((await posts(gw)) - before, 1, "the text went upstream more than once");
    const refused = results.filter((r) => r.isError);
    assert.equal(refused.length, 1, results.map(resultText).join("\n---\n"));
    assert.match(resultText(refused[0]!), /duplicate_send|is being sent right now|was sent/);
  });

  it("3. an unknown outcome on replica 1 keeps the same text blocked on replica 2, with no further POST", async () => {
    const [one, two] = await Promise.all([connect(replicas[0]!.base), connect(replicas[1]!.base)]);
    const send = { from: FAKE_NUMBER.id, to: ["+15555550124"], content: "The invoice is attached." };
    await gw.fail("POST /v1/messages", { kind: "reset-after-body" });
    const first = await one.call("send_message", send);
    assert.equal(first.isError, true);
    assert.match(resultText(first), /may or may not/);
    const before = await posts(gw);
    const second = await two.call("send_message", send);
    assert.equal(second.isError, true);
    assert.match(resultText(second), /outcome was unknown/);
    assert.equal(await posts(gw), before, "the second replica sent the text again");
  });

  it("4. Redis killed: sends refused with no POST, reads on the local budget, /readyz 503; back within 5 s of its return", async () => {
    const direct = await Promise.all(replicas.map((r) => connect(r.base)));
    await redis.kill();
    let restarted = false;
    try {
      await eventually(() => allReady(replicas, 503), "every replica to report not ready");
      // /healthz stays a liveness check.
      assert.deepEqual(await Promise.all(replicas.map((r) => status(`${r.base}/healthz`))), [200, 200, 200]);

      const before = await posts(gw);
      const refusals = await Promise.all(
        direct.map((c, i) => c.call("send_message", { from: FAKE_NUMBER.id, to: ["+15555550125"], content: `Outage test ${i}` })),
      );
      for (const refusal of refusals) {
        assert.equal(refusal.isError, true);
        assert.match(resultText(refusal), /the shared send guard is unavailable; nothing was sent; try again shortly/i);
        assert.doesNotMatch(resultText(refusal), /\n\s+at |ECONNREFUSED|Stream isn't writeable/, "a Redis error reached the client");
      }
      assert.equal(await posts(gw), before, "a send went out unguarded");

      // Reads go on, each replica at rate / 3 (3 per second), so together under the key's budget.
      const first = (await gw.arrivals()).length;
      const started = performance.now();
      const results = await Promise.all(direct.flatMap((c) => Array.from({ length: 9 }, () => c.call("list_messages", READ))));
      const seconds = (performance.now() - started) / 1000;
      assert.deepEqual(results.filter((r) => r.isError).map(resultText), []);
      const seen = reads((await gw.arrivals()).slice(first));
      const peak = peakInWindow(seen, 1000);
      assert.ok(peak <= 9, `${peak} reads within one second while each replica should keep to 3`);
      assert.ok(seconds >= 2, `27 reads at 9 per second took only ${seconds.toFixed(2)} s`);
      // Through HAProxy too: with no replica ready it routes to live ones rather than answering 503.
      const viaLb = await connect(haproxy.base);
      assert.equal((await viaLb.call("list_messages", READ)).isError, undefined);

      restarted = true;
      await redis.start();
      const back = performance.now();
      await eventually(() => allReady(replicas, 200), "every replica to be ready again", 5_000);
      assert.ok(performance.now() - back <= 5_000);
      const sent = await Promise.all(direct.map((c, i) => c.call("send_message", { from: FAKE_NUMBER.id, to: ["+15555550126"], content: `Back again ${i}` })));
      assert.deepEqual(sent.filter((r) => r.isError).map(resultText), []);
      assert.equal(await posts(gw), before + 3);
    } finally {
      // A failure above must not leave the next scenario without Redis.
      if (!restarted) await redis.start();
    }
  });

  it("5. a replica SIGKILLed: its sessions get 404 and start again through HAProxy; the others are undisturbed", async () => {
    // After Redis' return HAProxy's checks take a moment to count every replica ready again.
    await eventually(async () => (await lbReady(haproxy)) === 3, "HAProxy to count three ready replicas");
    const sessions = await Promise.all(Array.from({ length: 6 }, () => connect(haproxy.base)));
    for (const session of sessions) assert.equal((await session.call("list_messages", READ)).isError, undefined);
    // Kill a replica that holds some of the sessions (its access log names them by tag, never by id), not all.
    const holds = (replica: Replica) =>
      sessions.filter((session) => replica.stderr().includes(`"session":"${sessionTag(session.transport.sessionId as string)}"`)).length;
    const victim = replicas.find((replica) => holds(replica) > 0 && holds(replica) < sessions.length);
    assert.ok(victim, `HAProxy did not spread the sessions: ${replicas.map(holds).join(", ")}`);
    victim.child.kill("SIGKILL");
    await victim.exited;
    const outcomes = await Promise.all(
      sessions.map((session) =>
        session.call("list_messages", READ).then(
          (result) => ({ ok: !result.isError, code: 0 }),
          (error: unknown) => ({ ok: false, code: error instanceof StreamableHTTPError ? (error.code ?? -1) : -1, error }),
        ),
      ),
    );
    const lost = outcomes.filter((o) => !o.ok);
    const described = JSON.stringify(outcomes.map((o) => ({ ok: o.ok, code: o.code, error: String((o as { error?: unknown }).error ?? "") })));
    assert.ok(lost.length >= 1, `no session lived on the killed replica: ${described}`);
    assert.ok(lost.length < sessions.length, `sessions on the other replicas were disturbed: ${described}`);
    for (const outcome of lost) assert.equal(outcome.code, 404, described);
    // As the specification says: a 404 for the session means initialize again.
    for (let i = 0; i < lost.length; i++) {
      const fresh = await connect(haproxy.base);
      assert.equal((await fresh.call("list_messages", READ)).isError, undefined);
    }
    const survivors = sessions.filter((_, i) => outcomes[i]!.ok);
    for (const session of survivors) assert.equal((await session.call("list_messages", READ)).isError, undefined);
  });
});

describe("two tenants (--multi-tenant) through the same three replicas", () => {
  let gw: FaultGateway;
  let redis: RedisServer;
  let replicas: Replica[];
  let haproxy: Haproxy;
  const clients: McpClient[] = [];
  const keys = ["mtn_test_tenant_A_4f1d9c2b", "mtn_test_tenant_B_7e3a8d5c"];

  before(async () => {
    gw = await startFaultGateway();
    redis = await startRedis();
    ({ replicas, haproxy } = await startCluster(gw, redis, {}, ["--multi-tenant"]));
  });

  after(() => stopCluster(clients, haproxy, replicas, redis, gw));

  it("6. each key gets its own 10 per second at full load, neither slowed by the other", async () => {
    const perTenant = 80;
    const sessions = await Promise.all(
      keys.flatMap((key) => Array.from({ length: 6 }, async () => ({ key, client: await connectMcp(haproxy.base, { "x-maton-api-key": key }) }))),
    );
    clients.push(...sessions.map((s) => s.client));
    const first = (await gw.arrivals()).length;
    const timed = async (key: string) => {
      const mine = sessions.filter((s) => s.key === key);
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: perTenant }, (_, i) => mine[i % mine.length]!.client.call("list_messages", READ)));
      return { results, seconds: (performance.now() - started) / 1000 };
    };
    const [a, b] = await Promise.all(keys.map(timed));
    const seen = (await gw.arrivals()).slice(first);
    for (const [i, run] of [a!, b!].entries()) {
      assert.deepEqual(run.results.filter((r) => r.isError).map(resultText), []);
      const own = seen.filter((arrival) => arrival.authorization === `Bearer ${keys[i]}`);
      const peak = peakInWindow(own, 1000);
      assert.ok(peak <= RATE, `tenant ${i} reached the gateway ${peak} times within one second`);
      // Sharing one budget, each would take the two tenants' floor together (16 s); on its own
      // budget, about its own 8 s. A quarter over its own floor leaves room for two tenants'
      // load on the same three processes and still tells the two apart.
      const floor = perTenant / RATE;
      assert.ok(
        run.seconds <= floor * 1.25,
        `tenant ${i}: ${perTenant} reads took ${run.seconds.toFixed(2)} s, more than 1.25 x its own ${floor} s floor (shared: ${2 * floor} s)`,
      );
    }
    // Together they went well past one key's budget: the budgets are separate.
    assert.ok(peakInWindow(seen, 1000) > RATE, "the two tenants shared one budget");
  });
});
