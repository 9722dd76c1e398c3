import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { describeBody, errorFromResponse } from "../../src/gateway/upstream-errors.js";
import { REDACTED, registerSecret, scrubDeep, scrubError, scrubParsed, scrubText, scrubToJson } from "../../src/secrets/scrub.js";

const KEY = "mtn_unit_SCRUB_5e8d1c3b7a90";

/** Every piece of 8 characters of the key, lower-cased, for leak checks. */
const pieces = (key: string) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8).toLowerCase());
const leaks = (text: string, key = KEY) => pieces(key).filter((p) => text.toLowerCase().includes(p));
/** Every string of a value, keys included, as they are (not as JSON writes them), for leak checks. */
const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]) : [];

describe("the secret scrubber", () => {
  it("leaves text alone while no key is registered", () => {
    assert.equal(scrubText(`a ${KEY} b`), `a ${KEY} b`);
  });

  it("removes a whole key, any piece of 8 or more characters, in any case, and keeps shorter runs", () => {
    const release = registerSecret(KEY);
    try {
      assert.equal(scrubText(`x ${KEY} y`), `x ${REDACTED} y`);
      assert.equal(scrubText(KEY.toUpperCase()), REDACTED);
      assert.equal(scrubText(`..${KEY.slice(3, 11)}..`), `..${REDACTED}..`, "an 8-character piece at an unaligned offset");
      assert.equal(scrubText(`[${KEY.slice(0, 7)}]`), `[${KEY.slice(0, 7)}]`, "7 characters are not a leak");
      assert.equal(scrubText(`${KEY.slice(0, 14)}|${KEY.slice(14)}`), `${REDACTED}|${REDACTED}`, "a key split in two");
      assert.equal(scrubText(`${KEY}${KEY}`), REDACTED, "adjacent occurrences merge");
      assert.equal(scrubText("ordinary words, nothing secret"), "ordinary words, nothing secret");
    } finally {
      release();
    }
    assert.equal(scrubText(KEY), KEY, "a released key is forgotten");
  });

  it("finds every piece wherever it sits in random text (property)", () => {
    const release = registerSecret(KEY);
    try {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 40 }),
          fc.nat(KEY.length - 8),
          fc.integer({ min: 8, max: KEY.length }),
          fc.string({ maxLength: 40 }),
          fc.boolean(),
          (before, start, length, after, upper) => {
            const piece = KEY.slice(start, start + length);
            const text = `${before}${upper ? piece.toUpperCase() : piece}${after}`;
            assert.deepEqual(leaks(scrubText(text)), []);
          },
        ),
        { numRuns: 500 },
      );
    } finally {
      release();
    }
  });

  it("scrubs every string of a value at any depth, keys included, and copies nothing clean", () => {
    const release = registerSecret(KEY);
    try {
      const clean = { a: [1, { b: "fine" }], c: null };
      assert.equal(scrubDeep(clean), clean);
      const dirty = { list: [{ deep: { trace: `t-${KEY}` } }], [KEY.slice(2, 12)]: "named by a piece", n: 3 };
      const out = scrubDeep(dirty);
      assert.deepEqual(leaks(JSON.stringify(out)), []);
      assert.equal((dirty.list[0] as { deep: { trace: string } }).deep.trace, `t-${KEY}`, "the input is not changed");
      const error = Object.assign(new Error(`failed with ${KEY}`), { details: { code: KEY.toLowerCase() } });
      scrubError(error);
      assert.deepEqual(leaks(`${error.message} ${error.stack} ${JSON.stringify(error.details)}`), []);
    } finally {
      release();
    }
  });

  it("renders gateway errors scrubbed first and cut after, so no cut leaves a piece behind", () => {
    const release = registerSecret(KEY);
    try {
      // The key starts 10 characters before the 300-character cut of an unclassified body.
      const body = { error: `${"x".repeat(300 - '{"error":"'.length - 10)}${KEY}` };
      assert.deepEqual(leaks(describeBody(body)), []);
      const error = errorFromResponse(
        422,
        { message: `bad ${KEY}`, code: "0100422", trace: KEY.toUpperCase(), errors: [{ path: KEY.slice(1, 12), message: "x" }], deep: { deeper: KEY } },
        "application/json",
      );
      assert.deepEqual(leaks(`${error.message} ${JSON.stringify(error.details)}`), []);
      assert.match(error.message, /\[redacted\]/);
    } finally {
      release();
    }
  });

  it("scrubs a value and its JSON text together, whatever characters the key holds (property)", () => {
    // The second key holds characters JSON writes escaped: its pieces cannot be found in the text alone.
    const ODD = 'mtn"odd\\key\n_7f3a91c2e4';
    for (const key of [KEY, ODD]) {
      const release = registerSecret(key);
      try {
        const clean = { numbers: [{ id: "PN1", name: "Main line" }], n: 3 };
        const same = scrubToJson(clean);
        assert.equal(same.value, clean, "a clean value is not copied");
        assert.equal(same.json, JSON.stringify(clean));
        fc.assert(
          fc.property(
            fc.string({ maxLength: 20 }),
            fc.nat(key.length - 8),
            fc.integer({ min: 8, max: key.length }),
            fc.boolean(),
            fc.boolean(),
            (around, start, length, upper, asName) => {
              const cut = key.slice(start, start + length);
              const piece = `${around}${upper ? cut.toUpperCase() : cut}${around}`;
              const value = { list: [{ deep: asName ? { [piece]: 1 } : { text: piece } }], plain: "fine" };
              const out = scrubToJson(value);
              assert.deepEqual(leaks(out.json, key), [], "the text");
              assert.deepEqual(leaks(strings(out.value).join("\u0001"), key), [], "the value");
              // JSON written with every character escaped spells the key without writing it.
              const escaped = JSON.stringify(value).replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
              for (const text of [JSON.stringify(value), escaped]) {
                const parsed = scrubParsed(text, JSON.parse(text));
                assert.deepEqual(leaks(strings(parsed).join("\u0001"), key), [], "a parsed answer");
              }
            },
          ),
          { numRuns: 300 },
        );
      } finally {
        release();
      }
    }
  });
});
