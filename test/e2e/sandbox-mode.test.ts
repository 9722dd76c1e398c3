import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { call, connect, text } from "../helpers/harness.js";

/** The built server started with --sandbox: its own simulated workspace, no key, no network. */
describe("sandbox mode", () => {
  it("needs no key, says it is the sandbox in every result, and shows sends in the thread", async () => {
    const session = await connect({ args: ["--sandbox"] });
    try {
      const numbers = await call(session, "list_phone_numbers");
      assert.match(text(numbers), /SANDBOX/);
      assert.match(String(numbers.structuredContent?.notice), /no text reaches anyone/);
      const sent = await call(session, "send_message", { from: "Support", to: SEED.contacts.erin.number, content: "Your order shipped" });
      assert.match(text(sent), /SANDBOX/);
      const thread = await call(session, "list_messages", { phoneNumber: "Support", participants: [SEED.contacts.erin.number], maxResults: 1 });
      assert.deepEqual(
        (thread.structuredContent?.messages as { out?: string }[]).map(({ out }) => out),
        ["Your order shipped"],
      );
      const failed = await call(session, "list_messages", { phoneNumber: "Nowhere", participants: [SEED.contacts.alice.number] });
      assert.equal(failed.isError, true);
      assert.match(text(failed), /SANDBOX/);
    } finally {
      await session.close();
    }
  });

  it("starts without a connection with --sandbox-unauthorized, and works once the link is opened", async () => {
    const session = await connect({ args: ["--sandbox-unauthorized"] });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.structuredContent?.status, "authorization_required");
      await fetch(String(result.structuredContent?.url));
      assert.equal((await call(session, "list_phone_numbers")).isError, undefined);
    } finally {
      await session.close();
    }
  });
});
