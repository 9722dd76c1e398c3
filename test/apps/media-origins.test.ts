import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("QUO_MCP_MEDIA_ORIGINS", () => {
  const env = (value: string) => ({ MATON_API_KEY: "k", QUO_MCP_MEDIA_ORIGINS: value });

  it("reads comma-separated http(s) addresses as origins", () => {
    assert.deepEqual(loadConfig({}, env("https://media.example.com/files/, http://127.0.0.1:8080")).mediaOrigins, [
      "https://media.example.com",
      "http://127.0.0.1:8080",
    ]);
    assert.equal(loadConfig({}, { MATON_API_KEY: "k" }).mediaOrigins, undefined);
  });

  it("refuses anything else, naming the variable and the form it wants", () => {
    assert.throws(
      () => loadConfig({}, env("ftp://files.example.com")),
      (error: unknown) => error instanceof ConfigError && /^QUO_MCP_MEDIA_ORIGINS must list http\(s\) origins/.test(error.message),
    );
    assert.throws(() => loadConfig({}, env("media.example.com")), ConfigError);
  });
});
