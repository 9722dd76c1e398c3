import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import { limiterFor, RateLimiter } from "../../src/gateway/limiter.js";
import { type FaultGateway, peakInWindow, startFaultGateway } from "../helpers/fault-gateway.js";
import { call, connect, type Session, TEST_KEY, text } from "../helpers/harness.js";

describe("the rate limiter", () => {
  it("never starts more than `rate` requests in any one-second window, burst included", async () => {
    const limiter = new RateLimiter({ rate: 10 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => limiter.acquire().then(() => starts.push(performance.now()))));
    assert.equal(starts.length, 25);
    assert.ok(
      peakInWindow(
        starts.map((at) => ({ at }) as never),
        1000,
      ) <= 10,
    );
    // The first burst is half the budget: a batch is spread out, not fired at one instant.
    assert.ok(
      peakInWindow(
        starts.map((at) => ({ at }) as never),
        5,
      ) <= 5,
    );
  });

  it("lets a waiting request leave the queue when its call is aborted", async () => {
    const limiter = new RateLimiter({ rate: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    assert.equal(limiter.waiting, 1);
    controller.abort(new Error("cancelled"));
    await assert.rejects(waiting, /cancelled/);
    assert.equal(limiter.waiting, 0);
  });

  it("pauses after a 429 and honours its Retry-After", async () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 10, now: () => now });
    limiter.penalize(5_000);
    let granted = false;
    const waiting = limiter.acquire().then(() => {
      granted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(granted, false, "a request went out during the pause");
    now = 5_001;
    // The timer was set for the pause; moving the clock and waking it shows the pause is the only obstacle.
    (limiter as unknown as { pump(): void }).pump();
    await waiting;
    assert.equal(granted, true);
  });

  it("is shared by every session of one key, and separate between keys", () => {
    assert.equal(limiterFor("key-one-abcdefgh", 10), limiterFor("key-one-abcdefgh", 10));
    assert.notEqual(limiterFor("key-one-abcdefgh", 10), limiterFor("key-two-abcdefgh", 10));
  });
});

describe("100 concurrent tool calls through one key", () => {
  let fake: FaultGateway;
  let session: Session;
  before(async () => {
    fake = await startFaultGateway();
    fake.rateLimit(10);
    session = await connect({ env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_LOG_LEVEL: "info" } });
  });
  after(async () => {
    await session.close();
    await fake.close();
  });

  it("all succeed, and no second of the run saw more than 10 upstream requests", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => call(session, "list_phone_numbers")));
    for (const result of results) assert.equal(result.isError, undefined, text(result));
    const reached = fake.seen("GET /v1/phone-numbers");
    assert.equal(reached.filter((a) => a.rateLimited).length, 0, "the fake had to answer 429");
    assert.equal(reached.length, 100);
    assert.ok(peakInWindow(reached, 1000) <= 10, `peak ${peakInWindow(reached, 1000)} requests in one second`);
    assert.doesNotMatch(session.stderr(), /unhandledRejection|uncaughtException/i);
  });
});

describe("an upstream stricter than the configured rate", () => {
  it("slows the key down on 429 until every call gets through", async () => {
    const fake = await startFaultGateway();
    fake.rateLimit(4);
    const session = await connect({ env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_LOG_LEVEL: "info" } });
    try {
      const results = await Promise.all(Array.from({ length: 30 }, () => call(session, "list_phone_numbers")));
      for (const result of results) assert.equal(result.isError, undefined, text(result));
      const reached = fake.seen("GET /v1/phone-numbers");
      assert.ok(
        reached.some((a) => a.rateLimited),
        "the stricter upstream never pushed back",
      );
      assert.equal(reached.filter((a) => !a.rateLimited).length, 30);
    } finally {
      await session.close();
      await fake.close();
    }
  });
});
