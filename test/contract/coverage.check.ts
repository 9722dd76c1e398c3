// The contract coverage gate, run by test/run.mjs after the whole suite: every operation of
// the vendored spec must have been exercised with a successful answer by some test process.
// Each process appended the operationIds it saw to a file in QUO_MCP_CONTRACT_DIR.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";

const methods = new Set(["get", "post", "put", "patch", "delete"]);

it("exercises every operation of spec/quo-openapi.json with a 2xx answer", () => {
  const dir = process.env.QUO_MCP_CONTRACT_DIR;
  assert.ok(dir, "QUO_MCP_CONTRACT_DIR is not set: run the suite through node test/run.mjs");
  const spec = JSON.parse(readFileSync(new URL("../../spec/quo-openapi.json", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const operations = Object.values(spec.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([m]) => methods.has(m))
      .map(([, op]) => op.operationId as string),
  );
  assert.equal(operations.length, 43, "the spec has 43 operations");
  const covered = new Set(readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean)));
  const missing = operations.filter((id) => !covered.has(id));
  process.stdout.write(`contract coverage: ${operations.length - missing.length}/${operations.length} operations\n`);
  assert.deepEqual(missing, [], `never exercised with a 2xx answer: ${missing.join(", ")}`);
});
