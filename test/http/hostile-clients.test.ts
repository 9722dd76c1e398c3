import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventually, type HttpServer, logLines, MCP_POST, startHttp } from "./helpers.js";
import { openSession, type RawSocket, raw, rawSocket, rssMb, within } from "./raw.js";

/**
 * Clients that try to hold the server's sockets, memory and session table: slow headers, slow
 * bodies, a stream nobody reads, and floods of connections and sessions from one address. Each
 * scenario is bounded; memory is read from /proc, never inferred from timing.
 */
const VERSION = { "mcp-protocol-version": "2025-06-18" };
const host = (server: HttpServer) => new URL(server.base).host;

/** Errors at level 50 or above, which a hostile client must never cause. */
const errorLines = (server: HttpServer) => logLines(server.stderr()).filter((l) => Number(l.level) >= 50);

describe("hostile clients: slow headers and slow bodies", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--headers-timeout", "2000", "--body-timeout", "2500"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("closes a connection whose headers trickle in, with 408", async () => {
    const client = await rawSocket(server.base);
    client.socket.write(`POST /mcp HTTP/1.1\r\nHost: ${host(server)}\r\n`);
    const trickle = setInterval(() => client.socket.write("x-slow: 1\r\n"), 200);
    try {
      assert.ok(await within(client.closed, 15_000), "a trickling header kept its connection open");
      assert.match(client.received(), /^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
    }
  });

  it("answers a body that trickles in with 408 and closes its connection, logging no error", async () => {
    const client = await rawSocket(server.base);
    client.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: ${host(server)}\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\ncontent-length: 100000\r\n\r\n{"jsonrpc":`,
    );
    const trickle = setInterval(() => client.socket.write(" "), 200);
    try {
      assert.ok(await within(client.closed, 15_000), "a trickling body kept its connection open");
      assert.match(client.received(), /^HTTP\/1\.1 408/);
      assert.match(client.received(), /did not arrive within 2500 ms/);
    } finally {
      clearInterval(trickle);
    }
    await eventually(() => logLines(server.stderr()).some((l) => l.status === 408), "the 408's access log line");
    assert.deepEqual(errorLines(server), []);
  });

  it("logs a request whose client hangs up mid-body as one debug line, with no stack trace", async () => {
    const before = logLines(server.stderr()).length;
    const client = await rawSocket(server.base);
    client.socket.write(`POST /mcp HTTP/1.1\r\nHost: ${host(server)}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"jsonrpc":"2.0"`);
    client.socket.destroy();
    await eventually(
      () =>
        logLines(server.stderr())
          .slice(before)
          .some((l) => l.aborted === true),
      "the aborted request's log line",
    );
    const lines = logLines(server.stderr()).slice(before);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0]!.level, 20, "an aborted request is logged at debug level");
    assert.ok(!server.stderr().includes('"stack"'), "a stack trace reached the log");
    assert.deepEqual(errorLines(server), []);
  });

  it("bounds the memory that many slow bodies hold, and gives it back once they time out", async () => {
    const pid = server.child.pid!;
    const chunk = `{"jsonrpc":"2.0","pad":"${"x".repeat(256 * 1024)}`;
    /** 100 connections from four addresses, each sending a quarter of its declared body and then nothing. */
    const flood = async (): Promise<number> => {
      const clients: RawSocket[] = [];
      for (const from of ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]) {
        for (let i = 0; i < 25; i++) {
          const client = await rawSocket(server.base, from);
          client.socket.write(`POST /mcp HTTP/1.1\r\nHost: ${host(server)}\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n${chunk}`);
          clients.push(client);
        }
      }
      let peak = rssMb(pid);
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(pid));
      }, 100);
      try {
        assert.ok(await within(Promise.all(clients.map((c) => c.closed)), 20_000), "slow bodies kept their connections open");
      } finally {
        clearInterval(sampler);
      }
      assert.ok(
        clients.every((c) => /^HTTP\/1\.1 408/.test(c.received())),
        "a slow body was not answered 408",
      );
      return peak;
    };
    const baseline = rssMb(pid);
    const peaks: number[] = [];
    const settled: number[] = [];
    for (let round = 0; round < 3; round++) {
      peaks.push(await flood());
      settled.push(rssMb(pid));
    }
    console.log(
      `slow bodies: RSS ${baseline.toFixed(1)} MB before; per flood, at most ${peaks.map((p) => p.toFixed(1)).join(", ")} and after ${settled.map((p) => p.toFixed(1)).join(", ")}`,
    );
    // 100 bodies of 256 KiB are 25 MiB on the wire; what they cost the server must stay near that.
    const peak = Math.max(...peaks);
    assert.ok(peak - baseline < 150, `RSS grew by ${(peak - baseline).toFixed(1)} MB`);
    assert.ok(settled[0]! - baseline < 60, `RSS stayed ${(settled[0]! - baseline).toFixed(1)} MB above where it started`);
    // The allocator keeps freed pages for reuse rather than handing them back to the system, so
    // release shows as reuse: two more floods like the first cost far less than the 50 MiB they
    // would hold if the first one's memory had not been released.
    assert.ok(settled[2]! - settled[0]! < 30, `two more floods added ${(settled[2]! - settled[0]!).toFixed(1)} MB: memory was not released`);
  });
});

describe("hostile clients: a legacy SSE stream nobody reads", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("ends the session once its unread buffer passes the bound, and memory returns", async () => {
    const pid = server.child.pid!;
    const baseline = rssMb(pid);
    const stream = await rawSocket(server.base);
    stream.socket.write(`GET /sse HTTP/1.1\r\nHost: ${host(server)}\r\naccept: text/event-stream\r\n\r\n`);
    await eventually(() => /sessionId=([\w-]+)/.test(stream.received()), "the SSE endpoint event");
    const id = /sessionId=([\w-]+)/.exec(stream.received())![1]!;
    // Stop reading: answers pile up in the kernel, then in the server.
    stream.socket.pause();
    const list = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    let peak = baseline;
    let status = 202;
    let posts = 0;
    for (; posts < 3000 && status === 202; posts++) {
      status = (await raw(server.base, { method: "POST", path: `/messages?sessionId=${id}`, headers: { "content-type": "application/json" }, body: list }))
        .status;
      if (posts % 50 === 0) peak = Math.max(peak, rssMb(pid));
    }
    assert.equal(status, 404, `the session still took messages after ${posts} unread answers`);
    assert.match(server.stderr(), /"why":"its client does not read the stream"/);
    const settled = rssMb(pid);
    console.log(
      `paused SSE reader: ${posts} answers queued; RSS ${baseline.toFixed(1)} MB before, ${peak.toFixed(1)} MB at most, ${settled.toFixed(1)} MB after`,
    );
    // Each answer is ~12 KB: the 3,000 the loop may send would hold ~36 MB if nothing bounded them.
    assert.ok(peak - baseline < 30, `RSS grew by ${(peak - baseline).toFixed(1)} MB`);
    assert.ok(settled - baseline < 30, `RSS stayed ${(settled - baseline).toFixed(1)} MB above where it started`);
    stream.socket.destroy();
    assert.deepEqual(errorLines(server), []);
  });
});

/** A connection the server has accepted and that it must keep: one answered request, then the next one's headers left open. */
async function held(server: HttpServer, from: string): Promise<RawSocket> {
  const client = await rawSocket(server.base, from);
  client.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host(server)}\r\n\r\n`);
  await eventually(() => client.received().length > 0, "an answer on a new connection");
  if (!/^HTTP\/1\.1 200/.test(client.received())) throw new Error(`connection from ${from} refused: ${client.received().slice(0, 40)}`);
  client.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host(server)}\r\n`);
  return client;
}

/** A connection past a cap: answered 503 and closed before any request is read. */
async function assertRefused(server: HttpServer, from: string): Promise<void> {
  const client = await rawSocket(server.base, from);
  assert.ok(await within(client.closed, 10_000), `a connection from ${from} past the cap was kept open`);
  assert.match(client.received(), /^HTTP\/1\.1 503/);
  assert.match(client.received(), /Connection: close/i);
}

describe("hostile clients: connection caps", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--max-connections", "8", "--max-connections-per-address", "3"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it("caps connections per client address and in all, and takes new ones once they close", async () => {
    const open: RawSocket[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await held(server, "127.0.0.2"));
      await assertRefused(server, "127.0.0.2");
      // Another address is not held back by the first one's cap.
      for (let i = 0; i < 3; i++) open.push(await held(server, "127.0.0.3"));
      for (let i = 0; i < 2; i++) open.push(await held(server, "127.0.0.4"));
      // Eight in all: the global cap holds for a fresh address too.
      await assertRefused(server, "127.0.0.5");
      for (const client of open.splice(0, 3)) {
        client.socket.destroy();
        await client.closed;
      }
      await eventually(
        async () => (await raw(server.base, { path: "/healthz", from: "127.0.0.5" }).catch(() => ({ status: 0 }))).status === 200,
        "room for a new connection",
      );
    } finally {
      for (const client of open) client.socket.destroy();
    }
  });
});

describe("hostile clients: session caps", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--max-sessions", "4", "--max-sessions-per-address", "2"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  const ping = (server: HttpServer, session: string, from: string) =>
    raw(server.base, {
      method: "POST",
      path: "/mcp",
      headers: { ...MCP_POST, ...VERSION, "mcp-session-id": session },
      body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "ping" }),
      from,
    });

  it("caps sessions per client address, and when the table is full ends the one idle the longest", async () => {
    const first = await openSession(server.base, {}, "127.0.0.2");
    const second = await openSession(server.base, {}, "127.0.0.2");
    for (let i = 0; i < 5; i++) {
      const more = await raw(server.base, {
        method: "POST",
        path: "/mcp",
        headers: MCP_POST,
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "flood", version: "1" } },
        }),
        from: "127.0.0.2",
      });
      assert.equal(more.status, 503, "one address opened more sessions than its cap");
      assert.match(more.body, /from your address/);
    }
    const others = [await openSession(server.base, {}, "127.0.0.3"), await openSession(server.base, {}, "127.0.0.3")];
    // The table is full (4). The sessions of 127.0.0.3 and the second of 127.0.0.2 are used again, so the
    // first session of 127.0.0.2 is the one idle the longest.
    for (const [session, from] of [
      [second, "127.0.0.2"],
      [others[0]!, "127.0.0.3"],
      [others[1]!, "127.0.0.3"],
    ] as const) {
      assert.equal((await ping(server, session, from)).status, 200);
    }
    const newcomer = await openSession(server.base, {}, "127.0.0.4");
    assert.equal((await ping(server, first, "127.0.0.2")).status, 404, "the session idle the longest was not the one ended");
    for (const [session, from] of [
      [second, "127.0.0.2"],
      [others[0]!, "127.0.0.3"],
      [others[1]!, "127.0.0.3"],
      [newcomer, "127.0.0.4"],
    ] as const) {
      assert.equal((await ping(server, session, from)).status, 200, "a session in use was ended");
    }
    assert.match(server.stderr(), /"why":"the session table is full and it was idle the longest"/);
    assert.ok(!server.stderr().includes(first), "a session id reached the log");
  });
});
