import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ElicitationCompleteNotificationSchema, type ElicitRequest } from "@modelcontextprotocol/sdk/types.js";
import { startGateway, TEST_KEY, text } from "../helpers/harness.js";
import { ok, refusedFor, sends, startInProcess, useInProcess } from "../helpers/in-process.js";

type Connection = { connectionId: string; status: string; url?: string };

/** The per-call deadline of the deadline-exempt authorization test: at least a second, so load cannot fail it. */
const DEADLINE_MS = 2000;

describe("manage_connection", () => {
  const s = useInProcess({ toolsets: ["all"] });

  it("lists, gets, creates and deletes; deleting the only connection brings the authorization flow back", async () => {
    const [active] = ok(await s.call("manage_connection", { action: "list" })).connections as Connection[];
    assert.equal(active?.status, "ACTIVE");
    assert.equal(active?.url, undefined, "an ACTIVE connection's url is of no use and is left out");

    const got = ok(await s.call("manage_connection", { action: "get", connectionId: active?.connectionId }));
    assert.equal((got.connection as Connection).status, "ACTIVE");

    assert.equal(ok(await s.call("manage_connection", { action: "delete", connectionId: active?.connectionId })).deleted, active?.connectionId);
    assert.equal(s.gateway.sandbox.workspace(TEST_KEY).connections.length, 0);

    const blocked = await s.call("list_phone_numbers");
    assert.equal(blocked.isError, true);
    const needed = blocked.structuredContent as { status: string; url: string };
    assert.equal(needed.status, "authorization_required");

    const listed = ok(await s.call("manage_connection", { action: "list" }));
    assert.equal((listed.connections as Connection[])[0]?.status, "PENDING");
    assert.match(String(listed.hint), /No ACTIVE connection/);

    const created = ok(await s.call("manage_connection", { action: "create" }));
    assert.equal((created.connection as Connection).status, "PENDING");
    assert.match(String((created.connection as Connection).url), /session_token/);
    assert.match(String(created.hint), /open/);
    await fetch(needed.url);
    ok(await s.call("list_phone_numbers"));
  });

  it("refuses an unknown action and a missing or malformed connection id, sending nothing to the control plane", async () => {
    const control = () => s.gateway.sandbox.workspace(TEST_KEY).connections.length;
    const before = control();
    refusedFor(await s.call("manage_connection", { action: "rename" }), "action", /list, create, get, delete/);
    refusedFor(await s.call("manage_connection", { action: "get" }), "connectionId", /required for action "get"/);
    refusedFor(await s.call("manage_connection", { action: "delete" }), "connectionId", /required for action "delete"/);
    refusedFor(await s.call("manage_connection", { action: "get", connectionId: "\ud800" }), "connectionId", /connection id/);
    assert.equal(control(), before);
  });
});

describe("authorization still pending", () => {
  it("hands back the PENDING connection's url, the same one each time, and the call works once the person opened it", async () => {
    const s = await startInProcess({ sandbox: { authorized: false } });
    try {
      const first = await s.call("list_phone_numbers");
      assert.equal(first.isError, true);
      const pending = first.structuredContent as { status: string; connectionId: string; url: string };
      assert.equal(pending.status, "authorization_required");
      assert.match(pending.url, /\/connect\?session_token=/);
      assert.match(text(first), /Show the person this link/);

      const again = await s.call("list_messages", { phoneNumber: "Main line", participants: "+15555550123" });
      assert.equal(
        (again.structuredContent as { connectionId: string }).connectionId,
        pending.connectionId,
        "the same PENDING connection is offered, not a new one each time",
      );
      assert.equal(s.gateway.sandbox.workspace(TEST_KEY).connections.length, 1);

      assert.equal((await fetch(pending.url)).status, 200);
      assert.equal((ok(await s.call("list_phone_numbers")).numbers as unknown[]).length, 2);
    } finally {
      await s.close();
    }
  });

  it("explains a pinned FAILED connection and the way out", async () => {
    const gateway = await startGateway({ authorized: false });
    const failed = gateway.sandbox.workspace(TEST_KEY).addConnection("FAILED");
    const s = await startInProcess({ gateway, settings: { connectionId: failed.connection_id } });
    try {
      const result = await s.call("list_phone_numbers");
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent?.status, "authorization_failed");
      assert.match(text(result), /FAILED/);
      assert.match(text(result), /create/);
      assert.match(text(result), /delete/);
    } finally {
      await s.close();
      await gateway.close();
    }
    assert.deepEqual(gateway.violations, []);
  });

  it("offers a fresh connection when the only one FAILED", async () => {
    const s = await startInProcess({ sandbox: { authorized: false } });
    try {
      s.gateway.sandbox.workspace(TEST_KEY).addConnection("FAILED");
      const result = await s.call("list_phone_numbers");
      assert.equal(result.structuredContent?.status, "authorization_required");
      assert.match(String(result.structuredContent?.url), /session_token/);
      assert.match(text(result), /FAILED/);
    } finally {
      await s.close();
    }
  });
});

describe("authorization inside the client (URL-mode elicitation)", () => {
  it("asks a client that can open URLs to open the connect link, waits for ACTIVE and completes the original call once", async () => {
    const elicited: ElicitRequest["params"][] = [];
    const completed: string[] = [];
    let allCompleted: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      allCompleted = resolve;
    });
    const s = await startInProcess({
      sandbox: { authorized: false },
      capabilities: { elicitation: { url: {} } },
      async onElicit(request) {
        elicited.push(request.params);
        if (request.params.mode !== "url") return { action: "decline" };
        // What the person does: open the link and approve. The sandbox activates on that GET.
        assert.equal((await fetch(request.params.url)).status, 200);
        return { action: "accept" };
      },
    });
    s.client.setNotificationHandler(ElicitationCompleteNotificationSchema, (notification) => {
      completed.push(notification.params.elicitationId);
      allCompleted();
    });
    try {
      const result = ok(await s.call("send_message", { from: "Main line", to: "+15555550123", content: "Booked you in for 9 am" }));
      assert.match(String((result.message as { id: string }).id), /^AC/);
      assert.equal(elicited.length, 1, "one elicitation");
      const params = elicited[0] as { mode: string; url: string; elicitationId: string; message: string };
      assert.equal(params.mode, "url");
      assert.match(params.url, /\/connect\?session_token=/);
      assert.ok(params.elicitationId.length > 0);
      assert.match(params.message, /approve access/);
      assert.equal(s.gateway.sandbox.workspace(TEST_KEY).connections[0]?.status, "ACTIVE");
      assert.equal(sends(s.gateway).length, 1, "the text went out exactly once, after authorization");
      // Bounded, so a missing notification fails the assertion below instead of hanging the run.
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      assert.deepEqual(completed, [params.elicitationId], "the client is told the elicitation is complete");
    } finally {
      await s.close();
    }
  });

  it("does not let the per-call deadline cut the wait for the person short", async () => {
    const s = await startInProcess({
      sandbox: { authorized: false },
      // A deadline long enough for the calls themselves on a loaded machine, and a person who
      // takes a second longer than it to approve.
      settings: { deadlineMs: String(DEADLINE_MS) },
      capabilities: { elicitation: { url: {} } },
      async onElicit(request) {
        await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 1000));
        if (request.params.mode === "url") await fetch(request.params.url);
        return { action: "accept" };
      },
    });
    try {
      assert.equal((ok(await s.call("list_phone_numbers")).numbers as unknown[]).length, 2);
    } finally {
      await s.close();
    }
  });

  it("keeps the link result when the person declines", async () => {
    const s = await startInProcess({
      sandbox: { authorized: false },
      capabilities: { elicitation: { url: {} } },
      onElicit: async () => ({ action: "decline" }),
    });
    try {
      const result = await s.call("list_phone_numbers");
      assert.equal(result.isError, true);
      const body = result.structuredContent as { status: string; url: string; message: string };
      assert.equal(body.status, "authorization_required");
      assert.match(body.url, /\/connect\?session_token=/);
      assert.match(body.message, /declined/);
    } finally {
      await s.close();
    }
  });

  it("gives a client without URL elicitation the link to show, and never elicits", async () => {
    let elicitations = 0;
    const s = await startInProcess({
      sandbox: { authorized: false },
      capabilities: { elicitation: { form: {} } },
      onElicit: async () => {
        elicitations += 1;
        return { action: "cancel" };
      },
    });
    try {
      const result = await s.call("list_phone_numbers");
      assert.equal(result.structuredContent?.status, "authorization_required");
      assert.match(text(result), /Show the person this link/);
      assert.equal(elicitations, 0);
    } finally {
      await s.close();
    }
  });
});
