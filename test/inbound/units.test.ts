import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LocalEventBus } from "../../src/events/bus.js";
import { messageOf, readDelivery } from "../../src/inbound/events.js";
import { InboundHub } from "../../src/inbound/hub.js";
import { SignatureCheck, signLegacy, signStandard } from "../../src/inbound/signatures.js";
import { newWhsec } from "../../src/sandbox/inbound.js";
import { legacyEnvelope, newEnvelope } from "./deliveries.js";

const OWN = "+15555550100";
const message = { from: "+15555550123", to: OWN, phoneNumberId: "PNmain0100", text: "hi" };

describe("inbound events", () => {
  it("reads both envelopes to the same message", () => {
    for (const event of [newEnvelope(message), legacyEnvelope(message)]) {
      const delivery = readDelivery(event);
      assert.ok(delivery, "read as an event");
      const read = messageOf(delivery);
      assert.equal(read?.from, message.from);
      assert.deepEqual(read?.to, [OWN]);
      assert.equal(read?.phoneNumberId, "PNmain0100");
      assert.equal(read?.text, "hi");
      assert.equal(read?.direction, "incoming");
    }
  });

  it("refuses what is not an event, without throwing", () => {
    for (const body of [
      null,
      1,
      "text",
      [],
      {},
      { type: "message.received" },
      { id: "EV1", type: "x", data: {} },
      { id: "EV1", type: "x", data: { resource: "no" } },
    ]) {
      assert.equal(readDelivery(body), undefined, JSON.stringify(body));
    }
  });
});

describe("signature checks", () => {
  const body = JSON.stringify(newEnvelope(message));

  it("accepts any of the configured secrets, so keys can rotate", () => {
    const [old, next] = [newWhsec(), newWhsec()];
    const check = new SignatureCheck([old, next]);
    assert.deepEqual(check.verify(Buffer.from(body), signStandard(old, "msg_1", body)), { ok: true, scheme: "standard", deliveryId: "msg_1" });
    assert.equal(check.verify(Buffer.from(body), signStandard(next, "msg_2", body)).ok, true);
    assert.equal(new SignatureCheck([next]).verify(Buffer.from(body), signStandard(old, "msg_3", body)).ok, false);
  });

  it("checks the legacy scheme's timestamp in milliseconds", () => {
    const key = Buffer.from("legacy-key-bytes").toString("base64");
    const now = 1_800_000_000_000;
    const check = new SignatureCheck([key], () => now);
    assert.equal(check.verify(Buffer.from(body), { "openphone-signature": signLegacy(key, body, now - 60_000) }).ok, true);
    assert.equal(check.verify(Buffer.from(body), { "openphone-signature": signLegacy(key, body, now - 301_000) }).ok, false);
  });
});

describe("the hub", () => {
  const spec = { tenant: "self", phoneNumberId: "PNmain0100", ownNumber: OWN, participants: ["+15555550123"] };
  const publish = (bus: LocalEventBus, id: string, resource: Record<string, unknown>, tenant = "self") =>
    bus.publish({ type: "message.received", tenant, id, data: { resource } });
  const resource = (id: string, from = "+15555550123", to = [OWN]) => ({
    id,
    from,
    to,
    text: id,
    direction: "incoming",
    phoneNumberId: "PNmain0100",
    createdAt: new Date().toISOString(),
  });

  it("tells a message once, however often it is delivered (poll and push, two replicas)", async () => {
    const bus = new LocalEventBus();
    const hub = new InboundHub(bus, "push");
    const watch = hub.watchThread(spec);
    const heard: string[] = [];
    watch.listen((m) => heard.push(m.id));
    await publish(bus, "EV1", resource("AC1"));
    await publish(bus, "poll:AC1", resource("AC1"));
    await publish(bus, "EV2", resource("AC2"));
    assert.deepEqual(heard, ["AC1", "AC2"]);
    watch.release();
    assert.equal(hub.watchedThreads, 0);
    await hub.close();
  });

  it("matches the thread exactly: not another tenant, number or group", async () => {
    const bus = new LocalEventBus();
    const hub = new InboundHub(bus, "push");
    const watch = hub.watchThread(spec);
    const heard: string[] = [];
    watch.listen((m) => heard.push(m.id));
    await publish(bus, "EV1", resource("AC1"), "another-tenant");
    await publish(bus, "EV2", { ...resource("AC2"), phoneNumberId: "PNsupp0101" });
    await publish(bus, "EV3", resource("AC3", "+15555550123", [OWN, "+15555550124"]));
    await publish(bus, "EV4", resource("AC4", "+15555550124"));
    await publish(bus, "EV5", { ...resource("AC5"), direction: "outgoing" });
    assert.deepEqual(heard, []);
    watch.release();
    await hub.close();
  });
});

describe("one bus, two processes' hubs", () => {
  it("a delivery received by one hub's receiver wakes a wait held on another hub of the same bus", async () => {
    // What a shared (Redis) bus gives replicas, with the in-process bus standing in for it.
    const bus = new LocalEventBus();
    const receiving = new InboundHub(bus, "push");
    const waiting = new InboundHub(bus, "push");
    const spec = { tenant: "self", phoneNumberId: "PNmain0100", ownNumber: OWN, participants: ["+15555550123"] };
    const watch = waiting.watchThread(spec);
    const heard: string[] = [];
    watch.listen((m) => heard.push(m.text));
    const event = newEnvelope(message);
    const delivery = readDelivery(event);
    assert.ok(delivery);
    await bus.publish({ type: delivery.type, tenant: "self", id: delivery.id, data: { resource: delivery.resource, context: delivery.context } });
    assert.deepEqual(heard, ["hi"]);
    assert.equal(receiving.watchedThreads, 0);
    watch.release();
    await receiving.close();
    await waiting.close();
  });
});
