import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { absentOn404, GatewayError, isNotFound, UnknownOutcomeError } from "../../src/errors.js";

describe("404 means absent", () => {
  it("turns a 404 into undefined and passes an answer through", async () => {
    assert.equal(await absentOn404(Promise.reject(new GatewayError("no voicemail", "fix_arguments", { status: 404 }))), undefined);
    assert.deepEqual(await absentOn404(Promise.resolve({ data: 1 })), { data: 1 });
  });

  it("still fails on every other error", async () => {
    const serverError = new GatewayError("broken", "retry_later", { status: 500 });
    await assert.rejects(absentOn404(Promise.reject(serverError)), (error) => error === serverError);
    const unknown = new UnknownOutcomeError("dropped");
    await assert.rejects(absentOn404(Promise.reject(unknown)), (error) => error === unknown);
    assert.equal(isNotFound(new Error("404")), false);
  });
});
