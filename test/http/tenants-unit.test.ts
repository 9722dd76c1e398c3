import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { Tenants, tenantId } from "../../src/tenants.js";
import { hostnameOf, isLoopbackHost, OriginPolicy } from "../../src/transports/http-security.js";

const config = loadConfig({ sandbox: true, multiTenant: true }, {});
const logger = createLogger("silent");

describe("Tenants", () => {
  it("shares one Services object per key and connection, and never between keys", () => {
    const tenants = new Tenants(config, logger, 1000);
    const a1 = tenants.acquire({ apiKey: "key-a" });
    const a2 = tenants.acquire({ apiKey: "key-a" });
    const b = tenants.acquire({ apiKey: "key-b" });
    const aOther = tenants.acquire({ apiKey: "key-a", connectionId: "conn-2" });
    assert.equal(a1.services, a2.services);
    assert.notEqual(a1.services, b.services);
    assert.notEqual(a1.services.directory, b.services.directory);
    assert.notEqual(a1.services, aOther.services);
    assert.equal(aOther.services.connectionId, "conn-2");
    assert.equal(tenants.size, 3);
  });

  it("identifies a tenant by a hash, and gives its services a config without any other key", () => {
    const id = tenantId({ apiKey: "secret-key-value" });
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.ok(!id.includes("secret"));
    const tenants = new Tenants({ ...config, apiKey: "operator-key" }, logger, 1000);
    assert.equal(tenants.acquire({ apiKey: "client-key" }).services.config.apiKey, undefined);
  });

  it("forgets a tenant only once no session holds it and it has been idle", () => {
    let now = 0;
    const tenants = new Tenants(config, logger, 1000, () => now);
    const lease = tenants.acquire({ apiKey: "key-a" });
    now = 5000;
    tenants.sweep();
    assert.equal(tenants.size, 1, "dropped while held");
    lease.release();
    lease.release();
    tenants.sweep();
    assert.equal(tenants.size, 1, "dropped before being idle");
    now = 6001;
    tenants.sweep();
    assert.equal(tenants.size, 0);
  });
});

describe("Host and Origin rules", () => {
  it("knows loopback addresses and strips ports from Host headers", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) assert.ok(isLoopbackHost(host), host);
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "example.com"]) assert.ok(!isLoopbackHost(host), host);
    assert.equal(hostnameOf("LocalHost:3000"), "localhost");
    assert.equal(hostnameOf("[::1]:3000"), "[::1]");
  });

  it("on a wildcard bind checks Host only against the names the operator lists", () => {
    const req = (host: string, origin?: string) => ({ headers: { host, ...(origin ? { origin } : {}) } }) as never;
    assert.equal(new OriginPolicy({ host: "0.0.0.0" }).check(req("mcp.internal:3000")), undefined);
    const listed = new OriginPolicy({ host: "0.0.0.0", allowedHosts: ["mcp.example.com"] });
    assert.equal(listed.check(req("mcp.example.com")), undefined);
    assert.match(listed.check(req("other.example.com")) ?? "", /Host/);
    // Origins stay checked whatever the bind.
    assert.match(new OriginPolicy({ host: "0.0.0.0" }).check(req("x", "https://evil.test")) ?? "", /Origin/);
    assert.equal(new OriginPolicy({ host: "0.0.0.0", allowedOrigins: ["*"] }).check(req("x", "https://any.test")), undefined);
  });
});
