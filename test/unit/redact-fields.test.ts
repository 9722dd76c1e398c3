import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import { redactSecretFields } from "../../src/secrets/redact-fields.js";

/** One line as the product's logger writes it: pino's JSON, then the field redaction. */
function logged(fields: Record<string, unknown>): string {
  let line = "";
  pino({ level: "info" }, { write: (text: string) => void (line = redactSecretFields(text)) }).warn(fields, "a message");
  return line;
}

describe("redacting secret-named fields from log lines", () => {
  it("replaces the value of a secret-named field at any depth, in any case, keeping the rest", () => {
    const line = logged({
      apiKey: "top-level-value",
      request: { headers: { Authorization: "Bearer header-value", accept: "application/json" } },
      attempts: [{ config: { options: { "X-Api-Key": "deep-value" } } }],
      session: { refresh_token: { nested: "object-value" } },
      count: 3,
    });
    for (const value of ["top-level-value", "header-value", "deep-value", "object-value"]) assert.ok(!line.includes(value), `${value} is gone: ${line}`);
    const parsed = JSON.parse(line);
    assert.equal(parsed.apiKey, "[redacted]");
    assert.equal(parsed.request.headers.Authorization, "[redacted]");
    assert.equal(parsed.request.headers.accept, "application/json", "other fields stay");
    assert.equal(parsed.attempts[0].config.options["X-Api-Key"], "[redacted]");
    assert.equal(parsed.session.refresh_token, "[redacted]", "an object under a secret name goes whole");
    assert.equal(parsed.count, 3);
    assert.equal(parsed.msg, "a message");
    assert.ok(line.endsWith("}\n"), "still one line");
  });

  it("leaves a line without such a field as it was, and a secret word in a text or a longer name alone", () => {
    const line = JSON.stringify({ level: 40, msg: 'the "token": expired', progressToken: 7, keys: ["a"] }) + "\n";
    assert.equal(redactSecretFields(line), line);
  });

  it("keeps a member named __proto__ as a member while redacting beside it", () => {
    const line = redactSecretFields('{"__proto__":{"token":"proto-value"},"msg":"m"}\n');
    assert.ok(!line.includes("proto-value"), line);
    assert.deepEqual(JSON.parse(line), JSON.parse('{"__proto__":{"token":"[redacted]"},"msg":"m"}'));
  });

  it("redacts string values even in a line that is not JSON", () => {
    assert.equal(redactSecretFields('broken {"password":"hunter2", "user":"ada"'), 'broken {"password":"[redacted]", "user":"ada"');
  });
});
