import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { identityDigest, keyId } from "../../src/secrets/key-id.js";

// The registries' id of a key is its SHA-256 in hex, computed without node:crypto; it must be
// the digest node:crypto gives, whatever the key holds.
describe("keyId", () => {
  for (const key of ["", "maton_live_0123456789abcdef", "k".repeat(1000), "clé-ünïcødé-🔑", "a\0b"]) {
    it(`is the SHA-256 of ${JSON.stringify(key.slice(0, 24))} in hex`, () => {
      assert.equal(keyId(key), createHash("sha256").update(key, "utf8").digest("hex"));
    });
  }

  it("tells different keys apart and gives one key one id", () => {
    assert.equal(keyId("one"), keyId("one"));
    assert.notEqual(keyId("one"), keyId("two"));
  });
});

// One identity of a key and its connection serves multi-tenant HTTP and inbound events alike.
describe("identityDigest", () => {
  it("is the SHA-256 of the key, a NUL and the connection", () => {
    const expected = createHash("sha256").update("key\0conn-1").digest();
    assert.ok(identityDigest("key", "conn-1").equals(expected));
  });

  it("takes a missing connection as an empty one", () => {
    assert.ok(identityDigest("key", undefined).equals(createHash("sha256").update("key\0").digest()));
  });
});
