import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { call, connect, startGateway, TEST_KEY, text } from "../helpers/harness.js";

describe("authorization still pending", () => {
  it("hands back the PENDING connection's url, and the call works once the person opened it", async () => {
    const gateway = await startGateway({ authorized: false });
    const session = await connect({ gateway });
    try {
      const first = await call(session, "list_phone_numbers");
      assert.equal(first.isError, true);
      const pending = first.structuredContent as { status: string; connectionId: string; url: string };
      assert.equal(pending.status, "authorization_required");
      assert.match(pending.url, /\/connect\?session_token=/);
      assert.match(text(first), /Show the person this link/);
      assert.ok(text(first).includes(pending.url));

      const again = await call(session, "list_messages", { phoneNumber: "Main line", participants: "+15555550123" });
      assert.equal((again.structuredContent as { connectionId: string }).connectionId, pending.connectionId, "the same PENDING connection is offered, not a new one each time");
      assert.equal(gateway.sandbox.workspace(TEST_KEY).connections.length, 1);

      const opened = await fetch(pending.url);
      assert.equal(opened.status, 200);
      const after = await call(session, "list_phone_numbers");
      assert.equal(after.isError, undefined, text(after));
      assert.equal((after.structuredContent?.numbers as unknown[]).length, 2);
    } finally {
      await session.close();
      await gateway.close();
    }
    assert.deepEqual(gateway.violations, []);
  });

  it("manage_connection lists, gets, creates and deletes; deleting the only connection brings the flow back", async () => {
    const gateway = await startGateway();
    const session = await connect({ gateway, args: ["--toolsets", "all"] });
    try {
      const listed = await call(session, "manage_connection", { action: "list" });
      const [active] = listed.structuredContent?.connections as { connectionId: string; status: string; url?: string }[];
      assert.equal(active?.status, "ACTIVE");
      assert.equal(active?.url, undefined, "an ACTIVE connection's url is of no use and is left out");

      const got = await call(session, "manage_connection", { action: "get", connectionId: active?.connectionId });
      assert.equal((got.structuredContent?.connection as { status: string }).status, "ACTIVE");

      const missing = await call(session, "manage_connection", { action: "get" });
      assert.equal(missing.isError, true);
      assert.match(text(missing), /connectionId/);

      const deleted = await call(session, "manage_connection", { action: "delete", connectionId: active?.connectionId });
      assert.equal(deleted.structuredContent?.deleted, active?.connectionId);

      const blocked = await call(session, "list_phone_numbers");
      assert.equal(blocked.isError, true);
      const needed = blocked.structuredContent as { status: string; url: string; connectionId: string };
      assert.equal(needed.status, "authorization_required");

      const created = await call(session, "manage_connection", { action: "create" });
      const fresh = created.structuredContent?.connection as { status: string; url: string };
      assert.equal(fresh.status, "PENDING");
      assert.match(String(created.structuredContent?.hint), /open/);
      await fetch(needed.url);
      const works = await call(session, "list_phone_numbers");
      assert.equal(works.isError, undefined, text(works));
    } finally {
      await session.close();
      await gateway.close();
    }
    assert.deepEqual(gateway.violations, []);
  });

  it("explains a FAILED connection and the way out", async () => {
    const gateway = await startGateway({ authorized: false });
    const workspace = gateway.sandbox.workspace(TEST_KEY);
    const failed = workspace.addConnection("FAILED");
    const session = await connect({ gateway, env: { MATON_CONNECTION: failed.connection_id } });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent?.status, "authorization_failed");
      assert.match(text(result), /FAILED/);
      assert.match(text(result), /create/);
      assert.match(text(result), /delete/);
    } finally {
      await session.close();
      await gateway.close();
    }
  });

  it("offers a fresh connection when the only one FAILED", async () => {
    const gateway = await startGateway({ authorized: false });
    gateway.sandbox.workspace(TEST_KEY).addConnection("FAILED");
    const session = await connect({ gateway });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.structuredContent?.status, "authorization_required");
      assert.match(String(result.structuredContent?.url), /session_token/);
      assert.match(text(result), /FAILED/);
    } finally {
      await session.close();
      await gateway.close();
    }
  });

  it("starts without a connection with --sandbox-unauthorized", async () => {
    const session = await connect({ args: ["--sandbox-unauthorized"] });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.structuredContent?.status, "authorization_required");
      await fetch(String(result.structuredContent?.url));
      assert.equal((await call(session, "list_phone_numbers")).isError, undefined);
    } finally {
      await session.close();
    }
  });
});
