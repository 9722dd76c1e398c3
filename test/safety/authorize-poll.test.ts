import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import type { AuthorizationNeeded } from "../../src/errors.js";
import { type Connection, Connections } from "../../src/gateway/connections.js";
import { authorizeInClient, type ClientChannel, canAuthorizeInClient } from "../../src/tools/authorize.js";

const logger = pino({ level: "silent" });
const needed: AuthorizationNeeded = {
  status: "authorization_required",
  connectionId: "c1",
  url: "https://example.test/connect?session_token=t",
  message: "Quo is not authorized yet.",
};

/** A control plane whose connection moves through the given statuses, one per lookup. */
function fakeConnections(statuses: string[]) {
  const lookups: string[] = [];
  class Scripted extends Connections {
    override async get(id: string, signal?: AbortSignal): Promise<Connection> {
      signal?.throwIfAborted();
      lookups.push(id);
      const status = statuses[Math.min(lookups.length - 1, statuses.length - 1)]!;
      return { connection_id: id, status };
    }
  }
  return { connections: new Scripted(undefined as never), lookups };
}

function channel(overrides: Partial<ClientChannel> = {}) {
  const requests: unknown[] = [];
  const notifications: { method: string; params: Record<string, unknown> }[] = [];
  const ch: ClientChannel = {
    signal: new AbortController().signal,
    urlElicitation: true,
    _meta: { progressToken: "p1" },
    sendRequest: (async (request: unknown) => {
      requests.push(request);
      return { action: "accept" };
    }) as ClientChannel["sendRequest"],
    sendNotification: async (n) => {
      notifications.push(n as never);
    },
    ...overrides,
  };
  return { ch, requests, notifications };
}

describe("authorizeInClient", () => {
  it("is used only for a client with URL elicitation and a PENDING connection with a link", () => {
    assert.equal(canAuthorizeInClient(channel().ch, needed), true);
    assert.equal(canAuthorizeInClient(channel({ urlElicitation: false }).ch, needed), false);
    assert.equal(canAuthorizeInClient(channel().ch, { ...needed, status: "authorization_failed", url: undefined }), false);
  });

  it("polls until ACTIVE, sending progress while it waits and completion at the end", async () => {
    const { connections, lookups } = fakeConnections(["PENDING", "PENDING", "ACTIVE"]);
    const { ch, requests, notifications } = channel();
    const outcome = await authorizeInClient(needed, connections, ch, logger, { pollMs: 1 });
    assert.equal(outcome, "active");
    assert.equal(lookups.length, 3);
    const request = requests[0] as { method: string; params: { mode: string; url: string; elicitationId: string } };
    assert.equal(request.method, "elicitation/create");
    assert.equal(request.params.mode, "url");
    assert.equal(request.params.url, needed.url);
    const progress = notifications.filter((n) => n.method === "notifications/progress");
    assert.deepEqual(
      progress.map((n) => n.params.progress),
      [1, 2],
      "progress rises with each wait",
    );
    assert.ok(progress.every((n) => n.params.progressToken === "p1"));
    const complete = notifications.filter((n) => n.method === "notifications/elicitation/complete");
    assert.deepEqual(
      complete.map((n) => n.params.elicitationId),
      [request.params.elicitationId],
    );
  });

  it("sends no progress when the client sent no progress token", async () => {
    const { connections } = fakeConnections(["PENDING", "ACTIVE"]);
    const { ch, notifications } = channel({ _meta: {} });
    assert.equal(await authorizeInClient(needed, connections, ch, logger, { pollMs: 1 }), "active");
    assert.equal(notifications.filter((n) => n.method === "notifications/progress").length, 0);
  });

  it("explains a FAILED connection with the way out", async () => {
    const { connections } = fakeConnections(["PENDING", "FAILED"]);
    const outcome = await authorizeInClient(needed, connections, channel().ch, logger, { pollMs: 1 });
    assert.notEqual(outcome, "active");
    const explained = outcome as AuthorizationNeeded;
    assert.equal(explained.status, "authorization_failed");
    assert.match(explained.message, /Create a new one/);
    assert.match(explained.message, /delete the failed one/);
  });

  it("gives up after the limit and hands back the link", async () => {
    const { connections, lookups } = fakeConnections(["PENDING"]);
    let now = 0;
    const outcome = await authorizeInClient(needed, connections, channel().ch, logger, {
      pollMs: 1,
      limitMs: 10,
      now: () => (now += 3),
    });
    const explained = outcome as AuthorizationNeeded;
    assert.equal(explained.url, needed.url);
    assert.match(explained.message, /not approved within/);
    assert.ok(lookups.length >= 2 && lookups.length <= 4, `polled ${lookups.length} times`);
  });

  it("stops polling when the client cancels the call", async () => {
    const { connections, lookups } = fakeConnections(["PENDING"]);
    const controller = new AbortController();
    const { ch } = channel({ signal: controller.signal });
    const waiting = authorizeInClient(needed, connections, ch, logger, { pollMs: 50 });
    setTimeout(() => controller.abort(new Error("cancelled by the client")), 5);
    await assert.rejects(waiting, /cancelled by the client/);
    const polled = lookups.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(lookups.length, polled, "no lookups after the cancellation");
  });

  it("falls back to the link when the client fails the elicitation request", async () => {
    const { connections, lookups } = fakeConnections(["ACTIVE"]);
    const { ch } = channel({ sendRequest: (async () => Promise.reject(new Error("method not found"))) as ClientChannel["sendRequest"] });
    assert.deepEqual(await authorizeInClient(needed, connections, ch, logger), needed);
    assert.equal(lookups.length, 0);
  });
});
