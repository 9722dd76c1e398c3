import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readOutsideMalloc } from "../../src/read-outside-malloc.js";

// The loader reads the bundle (with its CommonJS wrapper around it) and the code cache this way.
describe("readOutsideMalloc", () => {
  const dir = mkdtempSync(join(tmpdir(), "quo-mcp-read-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the file's bytes, with what comes before and after them", () => {
    const file = join(dir, "bundle.js");
    // Larger than one 64 KiB page, so the read spans pages.
    const body = `${"x".repeat(70_000)}module.exports = 42;`;
    writeFileSync(file, body);
    const bytes = readOutsideMalloc(file, "(function () {", "\n})");
    assert.equal(bytes.toString("latin1"), `(function () {${body}\n})`);
    assert.equal(bytes.length, body.length + "(function () {".length + "\n})".length);
  });

  it("gives a file's bytes unchanged, binary ones included", () => {
    const file = join(dir, "cache.bin");
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    writeFileSync(file, data);
    assert.ok(readOutsideMalloc(file).equals(data));
  });

  it("reads an empty file as no bytes", () => {
    const file = join(dir, "empty");
    writeFileSync(file, "");
    assert.equal(readOutsideMalloc(file).length, 0);
  });

  it("throws for a file that is not there, as the loader expects when no cache was recorded", () => {
    assert.throws(() => readOutsideMalloc(join(dir, "absent.cache")), { code: "ENOENT" });
  });
});
