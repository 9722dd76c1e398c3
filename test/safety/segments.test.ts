import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countSegments, estimateCost } from "../../src/guards/segments.js";

describe("SMS segment counter", () => {
  it("fits 160 GSM-7 characters in one SMS and splits 161 into two parts of 153", () => {
    assert.deepEqual(countSegments("a".repeat(160)), { encoding: "GSM-7", units: 160, segments: 1, perSegment: 160 });
    assert.deepEqual(countSegments("a".repeat(161)), { encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
    assert.equal(countSegments("a".repeat(306)).segments, 2);
    assert.equal(countSegments("a".repeat(307)).segments, 3);
  });

  it("treats GSM accents, symbols and newlines as one septet", () => {
    const text = "Café à 5? Ça va, Ñoño! @£$¥ ¿ü?\n";
    const count = countSegments(text);
    assert.equal(count.encoding, "GSM-7");
    assert.equal(count.units, [...text].length);
  });

  it("counts the extension characters { } [ ] ~ ^ | \\ € as two septets each", () => {
    assert.deepEqual(countSegments("{}[]~^|\\€"), { encoding: "GSM-7", units: 18, segments: 1, perSegment: 160 });
    // 80 euro signs are 160 septets: still one SMS; one more character tips it over.
    assert.equal(countSegments("€".repeat(80)).segments, 1);
    assert.deepEqual(countSegments(`${"€".repeat(80)}a`), { encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
  });

  it("switches the whole text to UCS-2 for one non-GSM character, and names it", () => {
    const count = countSegments(`${"a".repeat(69)}ç`);
    // ç (lower case) is not in GSM 03.38; Ç is.
    assert.equal(count.encoding, "UCS-2");
    assert.equal(count.units, 70);
    assert.equal(count.segments, 1);
    assert.deepEqual(count.nonGsmCharacters, ["ç"]);
    assert.equal(countSegments(`${"a".repeat(70)}ç`).segments, 2);
  });

  it("counts an emoji as two UTF-16 code units: 35 fit one SMS, 36 take two parts of 67", () => {
    assert.deepEqual(countSegments("😀"), { encoding: "UCS-2", units: 2, segments: 1, perSegment: 70, nonGsmCharacters: ["😀"] });
    assert.equal(countSegments("😀".repeat(35)).segments, 1);
    const two = countSegments("😀".repeat(36));
    assert.equal(two.units, 72);
    assert.equal(two.segments, 2);
    assert.equal(two.perSegment, 67);
    assert.equal(countSegments("😀".repeat(67)).segments, 2); // 134 units = 2 x 67
    assert.equal(countSegments("😀".repeat(68)).segments, 3);
  });

  it("estimates about a cent per segment per US/Canada recipient and says it is an estimate", () => {
    const cost = estimateCost(3, ["+15555550123", "+14165550123", "+447700900123"]);
    assert.equal(cost.usd, 0.06);
    assert.match(cost.basis, /^estimate/);
    assert.match(cost.basis, /1 recipient outside the US\/Canada not priced/);
  });
});
