// Maton's control plane and the connect page: the "authorize Quo" flow end to end.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SandboxExchange } from "../../src/sandbox/index.js";
import { type Client, open } from "./helpers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const exchanges: SandboxExchange[] = [];
let client: Client;

before(async () => {
  client = await open({ authorized: false, onExchange: (e) => exchanges.push(e) });
});
after(async () => {
  await client.sandbox.close();
});

test("connect flow: POST connection -> PENDING -> open its url -> ACTIVE -> gateway works", async () => {
  const key = "flow";
  assert.equal((await client.call("GET", "/quo/v1/phone-numbers", { key })).status, 400, "not authorized yet");
  assert.deepEqual((await client.call("GET", "/connections?app=quo&status=ACTIVE", { key })).body, { connections: [] });

  const created = await client.call("POST", "/connections", { key, body: { app: "quo" } });
  assert.equal(created.status, 201);
  const c = created.body.connection;
  assert.match(c.connection_id, UUID);
  assert.equal(c.status, "PENDING");
  assert.equal(c.app, "quo");
  for (const field of ["creation_time", "last_updated_time", "url", "method"]) assert.equal(typeof c[field], "string", field);
  assert.deepEqual(c.metadata, {});
  assert.ok(c.url.startsWith(`${client.sandbox.url}/connect?session_token=`));
  assert.equal((await client.call("GET", "/quo/v1/phone-numbers", { key })).status, 400, "PENDING is not enough");

  const page = await fetch(c.url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await page.text(), /Quo is connected\. You can close this tab\./);

  const got = await client.call("GET", `/connections/${c.connection_id}`, { key });
  assert.equal(got.body.connection.status, "ACTIVE");
  const active = await client.call("GET", "/connections?app=quo&status=ACTIVE", { key });
  assert.equal(active.body.connections.length, 1);
  const numbers = await client.call("GET", "/quo/v1/phone-numbers", { key });
  assert.equal(numbers.status, 200);
  assert.equal(numbers.body.data.length, 2);
  assert.ok(exchanges.some((e) => e.plane === "connect" && e.status === 200));
  assert.ok(exchanges.some((e) => e.plane === "control" && e.method === "POST" && e.key === key));
});

test("connections are per key, filters apply, unknown ids answer 404, DELETE removes", async () => {
  const a = (await client.call("POST", "/connections", { key: "ka", body: { app: "quo" } })).body.connection;
  assert.equal((await client.call("GET", `/connections/${a.connection_id}`, { key: "kb" })).status, 404);
  assert.deepEqual((await client.call("GET", "/connections", { key: "kb" })).body, { connections: [] });
  assert.equal((await client.call("GET", "/connections?status=PENDING", { key: "ka" })).body.connections.length, 1);
  assert.equal((await client.call("GET", "/connections?app=slack", { key: "ka" })).body.connections.length, 0);
  const missing = await client.call("GET", "/connections/00000000-0000-4000-8000-000000000000", { key: "ka" });
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, { error: "Connection not found" });
  assert.equal((await client.call("DELETE", `/connections/${a.connection_id}`, { key: "ka" })).status, 200);
  assert.equal((await client.call("GET", `/connections/${a.connection_id}`, { key: "ka" })).status, 404);
  const page = await fetch(a.url);
  assert.equal(page.status, 404, "a deleted connection's link is dead");
});

test("control plane needs a key and a body with app", async () => {
  assert.equal((await client.call("GET", "/connections", { key: null })).status, 401);
  assert.equal((await client.call("POST", "/connections", { key: "kc", body: {} })).status, 400);
  assert.equal((await client.call("POST", "/connections", { key: "kc", raw: "{", headers: { "content-type": "application/json" } })).status, 400);
});

test("an unknown session token answers a 404 page", async () => {
  const res = await fetch(`${client.sandbox.url}/connect?session_token=nope`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
});

test("the oldest ACTIVE connection is the default; deleting it falls back to the next", async () => {
  const key = "kd";
  const first = (await client.call("POST", "/connections", { key, body: { app: "quo" } })).body.connection;
  await fetch(first.url);
  const ws = client.sandbox.workspace(key);
  const second = ws.addConnection("ACTIVE");
  assert.equal(ws.pickConnection(undefined)?.connection_id, first.connection_id);
  await client.call("DELETE", `/connections/${first.connection_id}`, { key });
  assert.equal(ws.pickConnection(undefined)?.connection_id, second.connection_id);
  assert.equal((await client.call("GET", "/quo/v1/phone-numbers", { key })).status, 200);
});
