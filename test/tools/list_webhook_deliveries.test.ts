import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { receiveMessage } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { TEST_KEY, text } from "../helpers/harness.js";
import { errorOf, refusedFor, useInProcess } from "../helpers/in-process.js";

type Delivery = { id: string; event: string; status: string; at: string };

/** A webhook receiver on loopback that takes every delivery, or refuses every one. */
async function receiver(status: number): Promise<{ server: Server; url: string; got: number }> {
  const state = { got: 0 };
  const server = createServer((req, res) => {
    state.got += 1;
    req.resume();
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/quo`,
    get got() {
      return state.got;
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("list_webhook_deliveries", () => {
  const s = useInProcess({ toolsets: ["webhooks"] });
  let ok: Awaited<ReturnType<typeof receiver>>;
  let down: Awaited<ReturnType<typeof receiver>>;
  const ids: Record<string, string> = {};
  before(async () => {
    [ok, down] = await Promise.all([receiver(204), receiver(500)]);
    for (const [name, target] of [
      ["ok", ok],
      ["down", down],
    ] as const) {
      const created = await s.call("manage_webhook", { action: "create", url: target.url, events: ["message.received"] });
      assert.equal(created.isError, undefined, text(created));
      ids[name] = (created.structuredContent?.webhook as { id: string }).id;
    }
  });
  after(() => {
    for (const r of [ok, down]) {
      r.server.closeAllConnections();
      r.server.close();
    }
  });

  it("lists each delivery with its event and how it went, newest first, and pages", async () => {
    const ws = s.gateway.sandbox.workspace(TEST_KEY);
    for (const words of ["first", "second", "third"]) receiveMessage(ws, { from: "+15555550123", phoneNumber: SEED.numbers.main.id, text: words });
    await until(() => ok.got === 3 && down.got === 3);
    await until(() => (ws.deliveries.get(ids.down as string) ?? []).every((d) => d.status !== "pending"));

    const delivered = await s.call("list_webhook_deliveries", { id: ids.ok, maxResults: 2 });
    assert.equal(delivered.isError, undefined, text(delivered));
    const first = delivered.structuredContent?.deliveries as Delivery[];
    assert.equal(first.length, 2);
    assert.ok(first.every((d) => d.event === "message.received" && d.status === "success" && Date.parse(d.at) > 0));
    const rest = await s.call("list_webhook_deliveries", { id: ids.ok, maxResults: 2, pageToken: delivered.structuredContent?.nextPageToken });
    assert.equal((rest.structuredContent?.deliveries as Delivery[]).length, 1);
    assert.equal(rest.structuredContent?.nextPageToken, undefined);

    const failed = await s.call("list_webhook_deliveries", { id: ids.down, status: "failed" });
    assert.deepEqual(
      (failed.structuredContent?.deliveries as Delivery[]).map((d) => d.status),
      ["failed", "failed", "failed"],
    );
  });

  it("refuses a legacy WH id and a bad status, sending nothing", async () => {
    const before = s.gateway.requests.length;
    refusedFor(await s.call("list_webhook_deliveries", { id: SEED.webhooks.messages }), "id", /digits/);
    refusedFor(await s.call("list_webhook_deliveries", { id: "123", status: "lost" }), "status", /success, pending, sending, failed/);
    assert.equal(s.gateway.requests.length, before);
  });

  it("says plainly when the gateway does not serve the dated API", async () => {
    s.gateway.sandbox.workspace(TEST_KEY).datedApi = false;
    try {
      const result = await s.call("list_webhook_deliveries", { id: ids.ok });
      assert.equal(result.isError, true);
      assert.match(errorOf(result).message ?? "", /dated API/);
    } finally {
      s.gateway.sandbox.workspace(TEST_KEY).datedApi = true;
    }
  });
});
