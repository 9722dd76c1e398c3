import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { z } from "zod";
import { type HttpSession, SessionStore, sessionTag } from "../../src/transports/http-sessions.js";
import { ObservedTransport } from "../../src/transports/observed-transport.js";

function session(id: string, address: string, lastSeen: number, inFlight = 0): HttpSession {
  let released = false;
  return {
    id,
    tag: sessionTag(id),
    kind: "streamable",
    transport: {} as HttpSession["transport"],
    server: {} as HttpSession["server"],
    tenant: {
      id: "0".repeat(64),
      digest: Buffer.alloc(32),
      services: {} as HttpSession["tenant"]["services"],
      release: () => {
        assert.ok(!released, "a tenant lease was released twice");
        released = true;
      },
    },
    address,
    lastSeen,
    inFlight,
  };
}

/** Reserves and adds, as the endpoints do; returns the evicted session's id, if any. */
function open(store: SessionStore, s: HttpSession): string | undefined {
  const room = store.reserve(s.address);
  assert.ok(room.ok, `no room for ${s.id}`);
  store.add(s);
  return room.evicted?.id;
}

describe("SessionStore", () => {
  it("refuses an address past its own cap, whatever room is left in all", () => {
    const store = new SessionStore({ max: 10, maxPerAddress: 2, idleMs: 60_000 });
    open(store, session("a1", "10.0.0.1", 1));
    open(store, session("a2", "10.0.0.1", 2));
    assert.deepEqual(store.reserve("10.0.0.1"), { ok: false, reason: "address" });
    // Reservations count too, so a burst of initializations cannot slip past the cap.
    assert.ok(store.reserve("10.0.0.2").ok);
    assert.ok(store.reserve("10.0.0.2").ok);
    assert.deepEqual(store.reserve("10.0.0.2"), { ok: false, reason: "address" });
    store.remove("a1");
    assert.ok(store.reserve("10.0.0.1").ok, "a removed session still counted against its address");
  });

  it("when full, evicts the session idle the longest and never one with a call running", () => {
    const store = new SessionStore({ max: 3, maxPerAddress: 3, idleMs: 60_000 });
    open(store, session("busy-oldest", "10.0.0.1", 1, 1));
    open(store, session("idle-old", "10.0.0.2", 2));
    open(store, session("idle-new", "10.0.0.3", 3));
    assert.equal(open(store, session("newcomer", "10.0.0.4", 4)), "idle-old");
    assert.equal(store.get("idle-old"), undefined);
    assert.equal(open(store, session("newcomer-2", "10.0.0.4", 5)), "idle-new");
    store.get("newcomer")!.inFlight = 1;
    store.get("newcomer-2")!.inFlight = 1;
    assert.deepEqual(store.reserve("10.0.0.5"), { ok: false, reason: "full" });
    assert.equal(store.size, 3);
  });

  it("tags a session with a short hash that does not contain its id", () => {
    const id = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    assert.match(sessionTag(id), /^[0-9a-f]{12}$/);
    assert.ok(!id.includes(sessionTag(id)));
  });
});

describe("ObservedTransport", () => {
  it("counts a call from its request until its answer is sent, without touching the SDK transport's methods", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const send = serverSide.send;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = new McpServer({ name: "t", version: "1" });
    server.registerTool("wait", { inputSchema: { n: z.number() } }, async () => {
      await held;
      return { content: [{ type: "text", text: "done" }] };
    });
    let inFlight = 0;
    let sends = 0;
    let closed = false;
    await server.connect(
      new ObservedTransport(serverSide as Transport, {
        callStarted: () => void (inFlight += 1),
        callFinished: () => void (inFlight -= 1),
        afterSend: () => void (sends += 1),
        closed: () => void (closed = true),
      }),
    );
    assert.equal(serverSide.send, send, "the SDK transport's send was replaced");
    const client = new Client({ name: "c", version: "1" });
    await client.connect(clientSide);
    assert.equal(inFlight, 0, "initialize was still counted after its answer");
    const call = client.callTool({ name: "wait", arguments: { n: 1 } });
    for (let i = 0; i < 100 && inFlight === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(inFlight, 1);
    release();
    await call;
    assert.equal(inFlight, 0);
    assert.ok(sends >= 2);
    await client.close();
    assert.ok(closed, "the transport's close was not observed");
  });
});
