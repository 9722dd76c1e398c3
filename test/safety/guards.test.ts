import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RecipientAllowlist } from "../../src/guards/allowlist.js";
import { DuplicateGuard } from "../../src/guards/duplicate-guard.js";

describe("duplicate guard", () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it("keys on sender, the set of recipients and the exact text", () => {
    const key = DuplicateGuard.key("PN1", ["+1555000002", "+1555000001"], "hi");
    assert.equal(key, DuplicateGuard.key("PN1", ["+1555000001", "+1555000002"], "hi"), "recipient order does not matter");
    assert.notEqual(key, DuplicateGuard.key("PN2", ["+1555000001", "+1555000002"], "hi"));
    assert.notEqual(key, DuplicateGuard.key("PN1", ["+1555000001"], "hi"));
    assert.notEqual(key, DuplicateGuard.key("PN1", ["+1555000001", "+1555000002"], "hi!"));
    assert.ok(!key.includes("hi"), "the text itself is not kept, only its hash");
  });

  it("remembers a send for the window, then forgets it", () => {
    const c = clock();
    const guard = new DuplicateGuard(600_000, c.now);
    guard.claim("k");
    assert.equal(guard.find("k")?.state, "pending");
    guard.settle("k", "sent");
    c.advance(599_000);
    assert.equal(guard.find("k")?.state, "sent");
    assert.equal(guard.find("k")?.agoMs, 599_000);
    c.advance(1_000);
    assert.equal(guard.find("k"), undefined);
  });

  it("forgets a send that failed for certain and keeps one whose outcome is unknown", () => {
    const guard = new DuplicateGuard(600_000);
    guard.claim("failed");
    guard.settle("failed", "failed");
    assert.equal(guard.find("failed"), undefined);
    guard.claim("unknown");
    guard.settle("unknown", "unknown");
    assert.equal(guard.find("unknown")?.state, "unknown");
  });

  it("does nothing with a window of 0", () => {
    const guard = new DuplicateGuard(0);
    guard.claim("k");
    guard.settle("k", "sent");
    assert.equal(guard.enabled, false);
    assert.equal(guard.find("k"), undefined);
  });
});

describe("recipient allowlist", () => {
  it("allows everyone when unset", () => {
    const list = new RecipientAllowlist(undefined);
    assert.equal(list.active, false);
    assert.equal(list.allows("+447700900123"), true);
  });

  it("matches exact numbers and prefixes, ignoring formatting in the entries", () => {
    const list = new RecipientAllowlist(["+1 (555) 555-0123", "+4477"]);
    assert.equal(list.allows("+15555550123"), true);
    assert.equal(list.allows("+15555550124"), false);
    assert.equal(list.allows("+447700900123"), true);
    assert.equal(list.allows("+447800900123"), false);
    assert.deepEqual(list.refused(["+15555550123", "+15555550124", "+447700900123", "+33612345678"]), ["+15555550124", "+33612345678"]);
  });
});
