import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FaultGateway, startFaultGateway } from "../helpers/fault-gateway.js";
import { call, connect, type Session, TEST_KEY, text } from "../helpers/harness.js";

/**
 * A text whose send ended with an unknown outcome may have reached the person: the duplicate
 * guard must keep it claimed, so an immediate resend is refused rather than sent again.
 */
const SEND = "POST /v1/messages";

describe("the duplicate guard after an unknown send outcome", () => {
  let fake: FaultGateway;
  let session: Session;
  before(async () => {
    fake = await startFaultGateway();
    session = await connect({ args: ["--toolsets", "all"], env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url } });
  });
  after(async () => {
    await session.close();
    await fake.close();
  });

  it("send_message refuses the same text again instead of sending it twice", async () => {
    const args = { from: "Main line", to: ["+15555550123"], content: "Your order has shipped" };
    fake.fail(SEND, { kind: "reset-after-body" });
    const first = await call(session, "send_message", args);
    assert.match(text(first), /may or may not have been sent/);
    const sent = fake.seen(SEND).length;
    const again = await call(session, "send_message", args);
    assert.equal(again.isError, true, text(again));
    assert.equal((again.structuredContent?.error as { code?: string }).code, "duplicate_send", text(again));
    assert.match(text(again), /may have been sent \(its outcome was unknown\)/);
    assert.equal(fake.seen(SEND).length, sent, "the resend did not reach the gateway");
  });

  it("send_individual_messages keeps the unknown recipient claimed and sends to nobody twice", async () => {
    const args = { from: "Main line", to: ["+15555550131", "+15555550132"], content: "The office is closed Monday" };
    fake.fail(SEND, { kind: "reset-after-body" });
    const first = await call(session, "send_individual_messages", args);
    assert.deepEqual(first.structuredContent?.summary, { sent: 1, failed: 0, unknown: 1, skipped: 0, notAttempted: 0 }, text(first));
    const sent = fake.seen(SEND).length;
    const again = await call(session, "send_individual_messages", args);
    assert.equal(again.isError, true, text(again));
    assert.match(text(again), /duplicate_send/);
    assert.equal(fake.seen(SEND).length, sent, "neither recipient got the text a second time");
  });
});
