import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/seed.js";
import { call, TEST_KEY, text, useSession } from "../helpers/harness.js";

/**
 * A national number means different numbers in different countries: with --region GB,
 * "020 7946 0018" is London's +44 20 7946 0018, and every tool that takes a number must read
 * it so (a region-blind parse would read it as a US number, or refuse it).
 */
describe("national numbers read in the configured region (--region GB)", () => {
  const live = useSession({ args: ["--region", "GB", "--toolsets", "all"] });
  const LONDON = "+442079460018";

  it("sends to the London number when given its national form", async () => {
    const result = await call(live.session, "send_message", {
      from: SEED.numbers.main.id,
      to: ["020 7946 0018"],
      content: "Your parcel is ready",
      dryRun: true,
    });
    assert.equal(result.isError, undefined, text(result));
    const request = result.structuredContent?.request as { body: { to: string[] } };
    assert.deepEqual(request.body.to, [LONDON]);
    assert.deepEqual(result.structuredContent?.to, [LONDON]);
  });

  it("finds a contact by the national form of its number", async () => {
    const ws = live.gateway.sandbox.workspace(TEST_KEY);
    const alice = ws.contacts.find((c) => c.id === SEED.contacts.alice.id);
    assert.ok(alice);
    alice.defaultFields.phoneNumbers.push({ name: "london", value: LONDON, id: "ph-alice-london" });
    const result = await call(live.session, "find_contacts", { phone: "020 7946 0018" });
    assert.deepEqual(
      (result.structuredContent?.contacts as { id: string }[]).map((c) => c.id),
      [SEED.contacts.alice.id],
      text(result),
    );
  });

  it("still takes E.164 numbers of any country", async () => {
    const result = await call(live.session, "send_message", { from: SEED.numbers.main.id, to: ["+15555550123"], content: "Hello from London", dryRun: true });
    assert.deepEqual(result.structuredContent?.to, ["+15555550123"], text(result));
  });
});
