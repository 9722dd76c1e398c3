import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffMs, defaultRetryPolicy, parseRetryAfter, planRetry } from "../../src/gateway/retry.js";

describe("the retry policy", () => {
  it("reads Retry-After as seconds or as an HTTP date, and ignores anything else", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("3", now), 3000);
    assert.equal(parseRetryAfter("0", now), 0);
    assert.equal(parseRetryAfter(["2", "9"], now), 2000);
    assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now), 5000);
    assert.equal(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now), 0, "a date in the past means now");
    for (const junk of [undefined, "", "soon", "-1", "1e9", "12 May"]) assert.equal(parseRetryAfter(junk, now), undefined, String(junk));
  });

  it("backs off with full jitter under a doubling ceiling", () => {
    const at = (random: number, attempt: number) => backoffMs(attempt, { ...defaultRetryPolicy, random: () => random });
    assert.equal(at(0, 1), 0);
    assert.equal(at(0.999999, 1), 249);
    assert.equal(at(0.999999, 3), 999);
    assert.equal(at(0.999999, 20), 7999, "capped");
  });

  it("honours Retry-After, and never plans a wait past the deadline or beyond the attempt budget", () => {
    const policy = { ...defaultRetryPolicy, random: () => 0.5 };
    assert.deepEqual(planRetry(1, 1500, 10_000, 0, policy), { retry: true, delayMs: 1500 });
    assert.equal(planRetry(1, 9_990, 10_000, 0, policy).retry, false);
    assert.match(planRetry(1, 120_000, 1_000_000, 0, policy).reason ?? "", /asked to wait 120 s/);
    assert.match(planRetry(6, undefined, 1_000_000, 0, policy).reason ?? "", /gave up after 6 attempts/);
    assert.equal(planRetry(2, undefined, 1_000_000, 0, policy).delayMs, 250);
  });
});
