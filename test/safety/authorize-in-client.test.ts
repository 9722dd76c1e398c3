import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ElicitRequest } from "@modelcontextprotocol/sdk/types.js";
import { TEST_KEY, call, startGateway, text } from "../helpers/harness.js";
import { connectClient, sends } from "./helpers.js";

const DEADLINE_MS = 2000;

describe("authorization inside the client (URL-mode elicitation)", () => {
  it("asks a client that can open URLs to open the connect link, waits for ACTIVE and completes the original call", async () => {
    const gateway = await startGateway({ authorized: false });
    const elicited: ElicitRequest["params"][] = [];
    const completed: string[] = [];
    const session = await connectClient({
      gateway,
      capabilities: { elicitation: { url: {} } },
      async onElicit(request) {
        elicited.push(request.params);
        if (request.params.mode !== "url") return { action: "decline" };
        // What the person does: open the link and approve. The sandbox activates on that GET.
        const opened = await fetch(request.params.url);
        assert.equal(opened.status, 200);
        return { action: "accept" };
      },
    });
    session.client.setNotificationHandler(
      (await import("@modelcontextprotocol/sdk/types.js")).ElicitationCompleteNotificationSchema,
      (notification) => {
        completed.push(notification.params.elicitationId);
      },
    );
    try {
      const result = await call(session, "send_message", { from: "Main line", to: "+15555550123", content: "Booked you in for 9 am" });
      assert.equal(result.isError, undefined, text(result));
      assert.match(String((result.structuredContent?.message as { id: string }).id), /^AC/);

      assert.equal(elicited.length, 1, "one elicitation");
      const params = elicited[0] as { mode: string; url: string; elicitationId: string; message: string };
      assert.equal(params.mode, "url");
      assert.match(params.url, /\/connect\?session_token=/);
      assert.ok(params.elicitationId.length > 0);
      assert.match(params.message, /approve access/);

      const [connection] = gateway.sandbox.workspace(TEST_KEY).connections;
      assert.equal(connection?.status, "ACTIVE");
      assert.equal(sends(gateway).length, 1, "the text went out exactly once, after authorization");
      await waitFor(() => completed.length === 1);
      assert.deepEqual(completed, [params.elicitationId], "the client is told the elicitation is complete");
      assert.ok(!session.stderr().includes(TEST_KEY));
    } finally {
      await session.close();
      await gateway.close();
    }
    assert.deepEqual(gateway.violations, []);
  });

  it("does not let the per-call deadline cut the wait for the person short", async () => {
    const gateway = await startGateway({ authorized: false });
    const session = await connectClient({
      gateway,
      // A deadline long enough for the calls themselves on a loaded machine, and a person who
      // takes a second longer than it to approve.
      env: { QUO_MCP_DEADLINE_MS: String(DEADLINE_MS) },
      capabilities: { elicitation: { url: {} } },
      async onElicit(request) {
        await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 1000));
        if (request.params.mode === "url") await fetch(request.params.url);
        return { action: "accept" };
      },
    });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.isError, undefined, text(result));
      assert.equal((result.structuredContent?.numbers as unknown[]).length, 2);
    } finally {
      await session.close();
      await gateway.close();
    }
  });

  it("keeps the link result when the person declines", async () => {
    const gateway = await startGateway({ authorized: false });
    const session = await connectClient({ gateway, capabilities: { elicitation: { url: {} } }, onElicit: async () => ({ action: "decline" }) });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.isError, true);
      const s = result.structuredContent as { status: string; url: string; message: string };
      assert.equal(s.status, "authorization_required");
      assert.match(s.url, /\/connect\?session_token=/);
      assert.match(s.message, /declined/);
    } finally {
      await session.close();
      await gateway.close();
    }
  });

  it("gives a client without URL elicitation the link to show, and never elicits", async () => {
    const gateway = await startGateway({ authorized: false });
    let elicitations = 0;
    const session = await connectClient({
      gateway,
      capabilities: { elicitation: { form: {} } },
      onElicit: async () => {
        elicitations += 1;
        return { action: "cancel" };
      },
    });
    try {
      const result = await call(session, "list_phone_numbers");
      assert.equal(result.isError, true);
      const s = result.structuredContent as { status: string; url: string };
      assert.equal(s.status, "authorization_required");
      assert.match(s.url, /\/connect\?session_token=/);
      assert.match(text(result), /Show the person this link/);
      assert.equal(elicitations, 0);
    } finally {
      await session.close();
      await gateway.close();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}
