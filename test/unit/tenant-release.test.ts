import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { createLogger, scrubSecrets } from "../../src/logger.js";
import { Tenants } from "../../src/tenants.js";

describe("a multi-tenant server forgets keys it no longer serves", () => {
  it("scrubs a tenant's key while the tenant lives, and drops it from the scrub list once swept", () => {
    let now = 0;
    const tenants = new Tenants(loadConfig({ multiTenant: true }, {}), createLogger("silent"), 1000, () => now);
    const key = "mtn_tenant_release_key_0123456789";
    const lease = tenants.acquire({ apiKey: key });
    const second = tenants.acquire({ apiKey: key });
    assert.equal(scrubSecrets(`x ${key} y`), "x [redacted] y");
    lease.release();
    second.release();
    now = 500;
    tenants.sweep();
    assert.equal(tenants.size, 1, "not idle long enough yet");
    assert.equal(scrubSecrets(key), "[redacted]");
    now = 2000;
    tenants.sweep();
    assert.equal(tenants.size, 0);
    assert.equal(scrubSecrets(key), key, "a key no tenant holds is no longer in every log line's pattern");
  });

  it("keeps a key that another tenant (another connection of the same key) still holds", () => {
    let now = 0;
    const tenants = new Tenants(loadConfig({ multiTenant: true }, {}), createLogger("silent"), 10, () => now);
    const key = "mtn_tenant_shared_key_9876543210";
    tenants.acquire({ apiKey: key, connectionId: "conn-a" }).release();
    const held = tenants.acquire({ apiKey: key, connectionId: "conn-b" });
    now = 100;
    tenants.sweep();
    assert.equal(tenants.size, 1);
    assert.equal(scrubSecrets(key), "[redacted]");
    held.release();
  });
});
