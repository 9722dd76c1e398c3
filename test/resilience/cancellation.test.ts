import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FaultGateway, startFaultGateway } from "../helpers/fault-gateway.js";
import { call, connect, type Session, TEST_KEY, text } from "../helpers/harness.js";

/**
 * A cancelled call (notifications/cancelled) takes its HTTP requests with it: the one in flight
 * is closed, the ones still waiting for their turn in the limiter never leave.
 */
const READ = "GET /v1/phone-numbers";

// A bound on the whole suite, so a request that is never closed fails the run instead of hanging it.
describe("cancellation and the deadline reach requests in flight and in the queue", { timeout: 120_000 }, () => {
  let fake: FaultGateway;
  const sessions: Session[] = [];
  before(async () => {
    fake = await startFaultGateway();
  });
  after(async () => {
    for (const session of sessions) {
      assert.doesNotMatch(session.stderr(), /unhandledRejection|uncaughtException/i);
      assert.equal(session.stderr().includes(TEST_KEY), false);
      await session.close();
    }
    await fake.close();
  });

  // 0.25 requests per second: after one request, the next waits about 4.4 s in the limiter.
  const open = async (env: Record<string, string> = {}) => {
    const session = await connect({
      env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_RATE_LIMIT: "0.25", ...env },
    });
    sessions.push(session);
    return session;
  };

  it("aborts the request in flight and drops the queued ones", async () => {
    const session = await open();
    const seen = fake.seen(READ).length;
    fake.fail(READ, { kind: "hang" });
    const controller = new AbortController();
    const options = { signal: controller.signal };
    const inFlight = session.client.callTool({ name: "list_phone_numbers", arguments: {} }, undefined, options);
    await fake.waitFor((a) => a.fault === "hang");
    const queued = [1, 2].map(() => session.client.callTool({ name: "list_phone_numbers", arguments: {} }, undefined, options));
    // Let the two queued calls reach the server's limiter before cancelling all three.
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort("the person changed their mind");
    for (const pending of [inFlight, ...queued]) await assert.rejects(pending);
    await fake.waitFor((a) => a.fault === "hang" && a.closedByClient);
    // A later call goes through the same limiter queue: had the cancelled ones stayed queued,
    // they would have reached the fake before it.
    const later = await call(session, "list_phone_numbers");
    assert.equal(later.isError, undefined, text(later));
    const reached = fake.seen(READ).slice(seen);
    assert.equal(reached.length, 2, "only the cancelled in-flight request and the later call reached the gateway");
    assert.equal(reached[0]?.closedByClient, true);
    assert.equal(reached[1]?.fault, undefined);
  });

  it("a deadline that passes while a request waits in the limiter sends nothing and names the whole call", async () => {
    const session = await open({ QUO_MCP_DEADLINE_MS: "1000" });
    const first = await call(session, "list_phone_numbers");
    assert.equal(first.isError, undefined, text(first));
    const seen = fake.seen(READ).length;
    const second = await call(session, "list_phone_numbers");
    assert.equal(second.isError, true);
    assert.match(text(second), /whole tool call took longer than 1000 ms \(nothing was sent\)/);
    assert.equal(fake.seen(READ).length, seen, "the queued request reached the gateway");
  });
});
