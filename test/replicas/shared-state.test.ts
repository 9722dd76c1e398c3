// The shared pieces against a real redis-server (skipped, with one line, when there is none),
// and what a replica does when its Redis is unreachable (no binary needed).
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { SharedGuardUnavailable } from "../../src/errors.js";
import type { InboundEvent } from "../../src/events/bus.js";
import { LocalEventBus } from "../../src/events/bus.js";
import { createEventBus } from "../../src/events/create-bus.js";
import { createLogger } from "../../src/logger.js";
import type { SharedBackend } from "../../src/replicas/backend.js";
import { connectRedisBackend } from "../../src/replicas/redis-backend.js";
import { FAKE_NUMBER, startFaultGateway } from "../helpers/fault-gateway.js";
import { freePort } from "../helpers/free-port.js";
import { TEST_KEY } from "../helpers/harness.js";
import { callTool, connectHttp, eventually, startHttp, text } from "../http/helpers.js";
import { redisMissing } from "./binaries.js";

const logger = createLogger("silent");
const configFor = (redisUrl: string) => loadConfig({ redisUrl, expectedReplicas: "3" }, { MATON_API_KEY: TEST_KEY });

describe("shared state on a real Redis", { skip: redisMissing() }, () => {
  let redis: ChildProcess;
  let a: SharedBackend;
  let b: SharedBackend;

  before(async () => {
    const port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    // Two replicas' worth of shared state in one process: each has its own connections.
    a = connectRedisBackend(configFor(`redis://127.0.0.1:${port}`), logger);
    b = connectRedisBackend(configFor(`redis://127.0.0.1:${port}`), logger);
    await eventually(() => a.ready && b.ready, "both to reach Redis");
  });

  after(async () => {
    await a?.close();
    await b?.close();
    redis?.kill();
  });

  it("one claim wins across replicas; a failed send frees the text, an unknown one keeps it blocked", async () => {
    const [ga, gb] = [a.guard(TEST_KEY, 60_000), b.guard(TEST_KEY, 60_000)];
    const claims = await Promise.all([ga.claim("k1"), gb.claim("k1")]);
    assert.equal(claims.filter((c) => c === undefined).length, 1, "both claims won, or neither");
    assert.equal(claims.find((c) => c !== undefined)?.state, "pending");
    const winner = claims[0] === undefined ? ga : gb;
    await winner.settle("k1", "failed");
    assert.equal(await gb.find("k1"), undefined);
    assert.equal(await ga.claim("k2"), undefined);
    await ga.settle("k2", "unknown");
    assert.equal((await gb.claim("k2"))?.state, "unknown");
    // Another key's guard never sees this one's sends.
    assert.equal(await b.guard("mtn_test_other_key_12345678", 60_000).find("k2"), undefined);
  });

  it("a 429 seen by one replica slows the other", async () => {
    const key = "mtn_test_penalty_key_87654321";
    const la = a.limiter(key, 10);
    const lb = b.limiter(key, 10);
    la.limiter.penalize(1_500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await lb.limiter.acquire();
    assert.ok(Date.now() - started >= 1_000, `replica b went ahead ${Date.now() - started} ms after replica a's 429`);
    la.release();
    lb.release();
  });

  it("an event published on one replica reaches every subscriber once, on each replica", async () => {
    const heard: string[] = [];
    const stopA = a.bus().subscribe((e) => heard.push(`a:${e.id}`));
    const stopB = b.bus().subscribe((e) => heard.push(`b:${e.id}`));
    const event: InboundEvent = { type: "message.received", tenant: "t", id: "ev1", data: { body: "hi" } };
    await a.bus().publish(event);
    await eventually(() => heard.includes("b:ev1"), "replica b to hear the event");
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(heard.sort(), ["a:ev1", "b:ev1"]);
    stopA();
    stopB();
  });

  it("values load once for all replicas", async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return [{ id: "PN1" }];
    };
    const values = await Promise.all([
      a.cache(TEST_KEY, undefined).getOrLoad("numbers-test", 10_000, load),
      b.cache(TEST_KEY, undefined).getOrLoad("numbers-test", 10_000, load),
    ]);
    assert.deepEqual(values, [[{ id: "PN1" }], [{ id: "PN1" }]]);
    assert.equal(loads, 1);
  });
});

describe("without Redis", () => {
  it("createEventBus gives the in-process bus when no Redis URL is set", async () => {
    const bus = await createEventBus(loadConfig({}, { MATON_API_KEY: TEST_KEY }), logger);
    assert.ok(bus instanceof LocalEventBus);
  });

  it("a replica whose Redis is unreachable refuses sends clearly, keeps reading, and answers /readyz 503", async () => {
    const gw = await startFaultGateway();
    const dead = await freePort();
    const server = await startHttp({
      env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gw.url, MATON_CTRL_URL: gw.url, QUO_MCP_REDIS_URL: `redis://127.0.0.1:${dead}` },
    });
    try {
      assert.equal((await fetch(`${server.base}/readyz`)).status, 503);
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
      const client = await connectHttp(server.base, "streamable");
      const read = await callTool(client, "list_messages", { phoneNumber: FAKE_NUMBER.id, participants: ["+15555550123"] });
      assert.equal(read.isError, undefined, text(read));
      const send = await callTool(client, "send_message", { from: FAKE_NUMBER.id, to: ["+15555550123"], content: "hello" });
      assert.equal(send.isError, true);
      assert.match(text(send), new RegExp(new SharedGuardUnavailable().message.replace(/[.;]/g, ".")));
      assert.doesNotMatch(text(send), /ECONNREFUSED|\n\s+at /);
      assert.equal(gw.seen("POST /v1/messages").length, 0);
      await client.close();
    } finally {
      await server.stop();
      await gw.close();
    }
  });
});
