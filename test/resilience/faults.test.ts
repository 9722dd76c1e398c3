import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Fault, type FaultGateway, startFaultGateway } from "../helpers/fault-gateway.js";
import { call, connect, type Session, TEST_KEY, type ToolResult, text } from "../helpers/harness.js";

/**
 * The server against a gateway that fails in every way we know of. Reads must recover or fail
 * with a message that names the problem, before their deadline; a text must reach the gateway
 * at most once, and when the server cannot know whether it arrived it must say so.
 */

const READ = "GET /v1/phone-numbers";
const SEND = "POST /v1/messages";

let fake: FaultGateway;
const sessions: Session[] = [];
const results: ToolResult[] = [];

async function open(env: Record<string, string>): Promise<Session> {
  const session = await connect({
    env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_DUPLICATE_WINDOW_MS: "0", ...env },
  });
  sessions.push(session);
  return session;
}

async function run(session: Session, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = await call(session, name, args);
  results.push(result);
  return result;
}

const errorOf = (result: ToolResult) => (result.structuredContent?.error ?? {}) as { remedy?: string; message?: string; status?: number };

function assertUnknownOutcome(result: ToolResult, label: string): void {
  assert.equal(result.isError, true, `${label}: ${text(result)}`);
  assert.equal(errorOf(result).remedy, "report", `${label}: ${text(result)}`);
  assert.match(errorOf(result).message ?? "", /may or may not have been sent/, label);
  assert.match(errorOf(result).message ?? "", /list_messages/, label);
}

before(async () => {
  fake = await startFaultGateway();
});

after(async () => {
  const alive = sessions.map((s) => s.stderr()).join("\n");
  await Promise.all(sessions.map((s) => s.close()));
  await fake.close();
  // The canary key is in no log line and no result, and nothing went unhandled.
  assert.equal(alive.includes(TEST_KEY), false, "the Maton key appeared in the server's stderr");
  for (const result of results) assert.equal(JSON.stringify(result).includes(TEST_KEY), false, "the Maton key appeared in a tool result");
  assert.doesNotMatch(alive, /unhandledRejection|Unhandled|uncaughtException|UnhandledPromiseRejection/i);
});

describe("reads recover from transient faults", () => {
  let session: Session;
  before(async () => {
    session = await open({ QUO_MCP_TIMEOUT_MS: "1000", QUO_MCP_DEADLINE_MS: "20000" });
  });

  const transient: [string, Fault][] = [
    ["429 without Retry-After", { kind: "status", status: 429 }],
    ["429 with Retry-After seconds", { kind: "status", status: 429, retryAfter: "1" }],
    ["429 with Retry-After as an HTTP date", { kind: "status", status: 429, retryAfter: new Date(Date.now() - 1000).toUTCString() }],
    ["502", { kind: "status", status: 502 }],
    ["503", { kind: "status", status: 503, retryAfter: "0" }],
    ["504", { kind: "status", status: 504 }],
    ["an HTML 502 page", { kind: "html", status: 502 }],
    ["a reset before the body", { kind: "reset-before-body" }],
    ["a reset after the body", { kind: "reset-after-body" }],
    ["slow headers", { kind: "slow-headers", ms: 3000 }],
    ["a body cut short", { kind: "cut-body" }],
  ];
  for (const [label, fault] of transient) {
    it(`recovers from ${label}`, async () => {
      const seen = fake.seen(READ).length;
      fake.fail(READ, fault, fault);
      const result = await run(session, "list_phone_numbers");
      assert.equal(result.isError, undefined, text(result));
      assert.match(text(result), /Main line/);
      assert.equal(fake.seen(READ).length - seen, 3, "two failed attempts, then one that worked");
    });
  }

  it("reads an answer labelled with the wrong content type", async () => {
    fake.fail(READ, { kind: "wrong-content-type" });
    const result = await run(session, "list_phone_numbers");
    assert.equal(result.isError, undefined, text(result));
    assert.match(text(result), /Main line/);
  });
});

describe("reads that cannot succeed fail with a clear message before their deadline", () => {
  let session: Session;
  before(async () => {
    session = await open({ QUO_MCP_TIMEOUT_MS: "1000", QUO_MCP_DEADLINE_MS: "3000" });
  });
  after(() => {
    fake.failAlways(READ, undefined);
  });

  const permanent: [string, Fault, RegExp][] = [
    ["a 503 that persists", { kind: "status", status: 503 }, /answered 503/],
    ["an HTML 504 page that persists", { kind: "html", status: 504 }, /answered 504 \(504 Bad Gateway 504 nginx\)/],
    ["a 500", { kind: "status", status: 500 }, /answered 500/],
    ["malformed JSON", { kind: "malformed-json" }, /malformed JSON/],
    ["a very large body", { kind: "huge-body", bytes: 17 * 1024 * 1024 }, /larger than 16 MB/],
    ["resets that persist", { kind: "reset-after-body" }, /connection to the gateway failed/],
    ["headers that never come", { kind: "hang" }, /took longer than (1000 ms|3000 ms)/],
    ["a non-JSON answer", { kind: "status", status: 200, contentType: "text/plain", body: "OK" }, /text\/plain answer/],
  ];
  for (const [label, fault, message] of permanent) {
    it(`reports ${label}`, async () => {
      fake.failAlways(READ, fault);
      const result = await run(session, "list_phone_numbers");
      fake.failAlways(READ, undefined);
      assert.equal(result.isError, true, text(result));
      assert.match(errorOf(result).message ?? "", message);
      assert.doesNotMatch(text(result), /<html|internal error/i);
    });
  }

  it("names the whole tool call when its deadline passes, and the wait that ran out before it", async () => {
    fake.failAlways(READ, { kind: "slow-headers", ms: 60_000 });
    const result = await run(session, "list_phone_numbers");
    fake.failAlways(READ, undefined);
    assert.equal(result.isError, true);
    // Each attempt's wait for headers (1000 ms) runs out, and retries go on until the 3000 ms budget is spent.
    assert.match(errorOf(result).message ?? "", /the (wait for the response headers took longer than 1000 ms|whole tool call took longer than 3000 ms)/);
    assert.match(errorOf(result).message ?? "", /response headers/);
  });
});

describe("send_message reaches the gateway at most once", () => {
  let session: Session;
  let n = 0;
  before(async () => {
    session = await open({ QUO_MCP_TIMEOUT_MS: "1000", QUO_MCP_DEADLINE_MS: "20000" });
    assert.equal((await run(session, "list_phone_numbers")).isError, undefined);
  });

  const send = () => run(session, "send_message", { from: "Main line", to: "+15555550123", content: `resilience check ${++n}` });

  /** After each fault the fake answers normally, so a retry would show up as a second arrival. */
  async function sendThrough(fault: Fault): Promise<{ result: ToolResult; arrivals: number }> {
    const seen = fake.seen(SEND).length;
    fake.fail(SEND, fault);
    const result = await send();
    // One more normal call flushes anything still in flight before the count.
    assert.equal((await run(session, "list_phone_numbers")).isError, undefined);
    return { result, arrivals: fake.seen(SEND).length - seen };
  }

  const unknown: [string, Fault][] = [
    ["a reset before the body was read", { kind: "reset-before-body" }],
    ["a reset after the body was read", { kind: "reset-after-body" }],
    ["a 502", { kind: "status", status: 502 }],
    ["a 503", { kind: "status", status: 503, retryAfter: "1" }],
    ["a 504", { kind: "status", status: 504 }],
    ["an HTML 502 page", { kind: "html", status: 502 }],
    ["slow headers", { kind: "slow-headers", ms: 3000 }],
    ["an accepted send whose body is cut short", { kind: "cut-body", status: 202 }],
    ["an accepted send with malformed JSON", { kind: "malformed-json", status: 202 }],
    ["an accepted send with a very large body", { kind: "huge-body", bytes: 17 * 1024 * 1024, status: 202 }],
  ];
  for (const [label, fault] of unknown) {
    it(`reports an unknown outcome, never a resend, after ${label}`, async () => {
      const { result, arrivals } = await sendThrough(fault);
      assert.equal(arrivals, 1);
      assertUnknownOutcome(result, label);
    });
  }

  const refused: [string, Fault, RegExp][] = [
    ["a 429 without Retry-After", { kind: "status", status: 429 }, /429/],
    ["a 429 with Retry-After", { kind: "status", status: 429, retryAfter: "1" }, /429/],
    ["a 500", { kind: "status", status: 500 }, /answered 500/],
  ];
  for (const [label, fault, message] of refused) {
    it(`does not resend after ${label}`, async () => {
      const { result, arrivals } = await sendThrough(fault);
      assert.equal(arrivals, 1);
      assert.equal(result.isError, true);
      assert.match(errorOf(result).message ?? "", message);
    });
  }

  it("sends once when the answer has the wrong content type", async () => {
    const { result, arrivals } = await sendThrough({ kind: "wrong-content-type" });
    assert.equal(arrivals, 1);
    assert.equal(result.isError, undefined, text(result));
    assert.match(text(result), /resilience check/);
  });

  it("retries a send whose connection was refused, and sends it once", async () => {
    const seen = fake.seen(SEND).length;
    await fake.stop();
    const pending = send();
    // Nothing listens for a moment: each refused attempt provably sent nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fake.restart();
    const result = await pending;
    assert.equal(result.isError, undefined, text(result));
    assert.equal(fake.seen(SEND).length - seen, 1);
  });
});

// Bounded, so a request that is never closed fails the run instead of hanging it.
describe("a send in flight when the deadline passes", { timeout: 60_000 }, () => {
  it("reports an unknown outcome naming the whole tool call", async () => {
    const session = await open({ QUO_MCP_TIMEOUT_MS: "30000", QUO_MCP_DEADLINE_MS: "1500" });
    assert.equal((await run(session, "list_phone_numbers")).isError, undefined);
    const seen = fake.seen(SEND).length;
    fake.fail(SEND, { kind: "hang" });
    const result = await run(session, "send_message", { from: "Main line", to: "+15555550123", content: "deadline check" });
    assertUnknownOutcome(result, "deadline");
    assert.match(errorOf(result).message ?? "", /whole tool call took longer than 1500 ms/);
    await fake.waitFor((a) => a.fault === "hang" && a.closedByClient);
    assert.equal(fake.seen(SEND).length - seen, 1);
    // The process is still serving.
    assert.equal((await run(session, "list_phone_numbers")).isError, undefined);
  });
});
