// The gateway plane: Maton's auth, User-Agent and connection rules, tenancy, and the Quo
// behaviours clients rely on (pagination, send-then-list, filters, fault hooks, bad input).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FAULT_NUMBERS, type SandboxExchange, SEED } from "../../src/sandbox/index.js";
import { responseErrors } from "../helpers/contract.js";
import { type Client, open, qs } from "./helpers.js";

const N = SEED.numbers;
const C = SEED.contacts;
const exchanges: SandboxExchange[] = [];
let client: Client;

before(async () => {
  client = await open({ acceptKey: (k) => k.startsWith("key-"), onExchange: (e) => exchanges.push(e) });
});
after(async () => {
  await client.sandbox.close();
});

const send = (body: unknown, key = "key-a") => client.call("POST", "/quo/v1/messages", { body, key });
const thread = (participants: readonly string[], key = "key-a", extra: Record<string, string | number> = {}) =>
  client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants, maxResults: 100, ...extra })}`, { key });

test("a missing or refused Maton key answers 401 with a small JSON body and no Quo code", async () => {
  for (const key of [null, "", "wrong"]) {
    const a = await client.call("GET", "/quo/v1/phone-numbers", { key });
    assert.equal(a.status, 401);
    assert.deepEqual(a.body, { error: "Invalid or missing API key" });
  }
});

test("a request without User-Agent answers 403", async () => {
  const res = await fetch(`${client.sandbox.url}/quo/v1/phone-numbers`, { headers: { authorization: "Bearer key-a", "user-agent": "" } });
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), { error: "User-Agent header is required" });
});

test("no ACTIVE connection answers 400 'No active connection found for app quo'", async () => {
  const ws = client.sandbox.workspace("key-noconn");
  for (const c of ws.connections) c.status = "FAILED";
  const a = await client.call("GET", "/quo/v1/phone-numbers", { key: "key-noconn" });
  assert.equal(a.status, 400);
  assert.deepEqual(a.body, { error: "No active connection found for app quo" });
});

test("Maton-Connection picks a connection; an unknown or inactive one answers 400", async () => {
  const ws = client.sandbox.workspace("key-pick");
  const pending = ws.addConnection("PENDING");
  const active = ws.connections[0]!;
  const use = (id: string) => client.call("GET", "/quo/v1/phone-numbers", { key: "key-pick", headers: { "maton-connection": id } });
  assert.equal((await use(active.connection_id)).status, 200);
  assert.equal((await use(pending.connection_id)).status, 400);
  assert.equal((await use("00000000-0000-4000-8000-000000000000")).status, 400);
});

test("each key has its own workspace: a send with key A is invisible to key B", async () => {
  const to = ["+15555550177"];
  const sent = await send({ from: N.main.number, to, content: "tenant A only" }, "key-a");
  assert.equal(sent.status, 202);
  assert.equal((await thread(to, "key-a")).body.data.length, 1);
  assert.equal((await thread(to, "key-b")).body.data.length, 0);
  assert.equal((await client.call("GET", `/quo/v1/messages/${sent.body.data.id}`, { key: "key-b" })).status, 404);
  assert.equal(client.sandbox.workspace("key-b").sentMessages().length, 0);
  assert.ok(
    client.sandbox
      .workspace("key-a")
      .sentMessages()
      .some((m) => m.id === sent.body.data.id),
  );
});

test("send then list: the queued message joins the existing thread", async () => {
  const sent = await send({ from: N.main.id, to: [C.alice.number], content: "Confirmed for Tuesday 10am." }, "key-c");
  assert.equal(sent.status, 202);
  const m = sent.body.data;
  assert.equal(m.status, "queued");
  assert.equal(m.direction, "outgoing");
  assert.match(m.id, /^AC/);
  assert.equal(m.conversationId, SEED.conversations.alice.id);
  assert.equal(m.from, N.main.number);
  assert.deepEqual(responseErrors("sendMessage_v1", 202, sent.body), []);
  const list = await thread([C.alice.number], "key-c");
  assert.equal(list.body.data[0].id, m.id, "newest first");
  assert.equal(list.body.data.length, 6);
});

test("a send to several recipients makes one group thread; the participant set must match exactly", async () => {
  const to = ["+15555550181", "+15555550182"];
  const sent = await send({ from: N.main.number, to, content: "Group hello" }, "key-d");
  assert.equal(sent.status, 202);
  assert.match(sent.body.data.conversationId, /^CN/);
  assert.equal((await thread([...to].reverse(), "key-d")).body.data.length, 1, "order does not matter");
  assert.equal((await thread([to[0]!], "key-d")).body.data.length, 0, "a subset is another conversation");
  const again = await send({ from: N.main.number, to: [...to].reverse(), content: "Second" }, "key-d");
  assert.equal(again.body.data.conversationId, sent.body.data.conversationId);
  const group = await thread([C.carol.number, C.dan.number], "key-d");
  assert.equal(group.body.data.length, 3);
});

test("send validation: content, from and to are checked the way Quo does", async () => {
  const cases: [unknown, number][] = [
    [{ from: N.main.id, to: [C.alice.number], content: "   " }, 400],
    [{ from: N.main.id, to: [C.alice.number], content: "x".repeat(1601) }, 400],
    [{ from: N.main.id, to: [], content: "hi" }, 400],
    [{ from: N.main.id, to: Array.from({ length: 11 }, (_, i) => `+1555555016${i % 10}`), content: "hi" }, 400],
    [{ from: N.main.id, to: ["5555550123"], content: "hi" }, 400],
    [{ from: "main", to: [C.alice.number], content: "hi" }, 400],
    [{ to: [C.alice.number], content: "hi" }, 400],
    [{ from: "+15555550199", to: [C.alice.number], content: "hi" }, 404],
    [{ from: N.support.id, to: [C.alice.number], content: "hi", userId: SEED.users.admin.id }, 403],
  ];
  for (const [body, status] of cases) {
    const a = await send(body, "key-e");
    assert.equal(a.status, status, JSON.stringify(body));
    assert.equal(a.body.docs, "https://quo.com/docs");
    assert.equal(typeof a.body.trace, "string");
    if (status === 400) assert.ok(Array.isArray(a.body.errors) && a.body.errors.length > 0);
  }
  assert.equal(client.sandbox.workspace("key-e").sentMessages().length, 0);
  const ok = await send({ from: N.main.id, to: [C.alice.number], content: "x".repeat(1600) }, "key-e");
  assert.equal(ok.status, 202);
});

test("fault-hook recipients answer Quo's documented errors and send nothing", async () => {
  const hook = async (to: string) => send({ from: N.main.id, to: [to], content: "hi" }, "key-f");
  const credits = await hook(FAULT_NUMBERS.noCredits);
  assert.equal(credits.status, 402);
  assert.equal(credits.body.code, "0201402");
  assert.deepEqual(responseErrors("sendMessage_v1", 402, credits.body), []);
  const a2p = await hook(FAULT_NUMBERS.a2pNotApproved);
  assert.equal(a2p.status, 400);
  assert.equal(a2p.body.code, "0206400");
  assert.deepEqual(responseErrors("sendMessage_v1", 400, a2p.body), []);
  const user = await hook(FAULT_NUMBERS.notPhoneNumberUser);
  assert.equal(user.status, 403);
  assert.equal(user.body.code, "0202403");
  assert.deepEqual(responseErrors("sendMessage_v1", 403, user.body), []);
  const internal = await hook(FAULT_NUMBERS.internalError);
  assert.equal(internal.status, 500);
  assert.equal(internal.body.error.message, "Internal error");
  assert.equal(internal.body.error.key, "internal");
  assert.equal(typeof internal.body.error.trace, "string");
  assert.equal(client.sandbox.workspace("key-f").sentMessages().length, 0);
});

test("pagination: pages of maxResults chain through nextPageToken to null", async () => {
  const key = "key-g";
  const to = ["+15555550188"];
  for (let i = 0; i < 7; i++) assert.equal((await send({ from: N.main.id, to, content: `msg ${i}` }, key)).status, 202);
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const a = await client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants: to, maxResults: 3, pageToken: token })}`, { key });
    assert.equal(a.status, 200);
    assert.ok(a.body.data.length <= 3);
    seen.push(...a.body.data.map((m: { id: string }) => m.id));
    token = a.body.nextPageToken ?? undefined;
    pages++;
  } while (token !== undefined);
  assert.equal(pages, 3);
  assert.equal(new Set(seen).size, 7);
  const bad = await client.call("GET", `/quo/v1/users${qs({ maxResults: 2, pageToken: "garbage!" })}`, { key });
  assert.equal(bad.status, 400);
  const users1 = await client.call("GET", `/quo/v1/users${qs({ maxResults: 2 })}`, { key });
  const users2 = await client.call("GET", `/quo/v1/users${qs({ maxResults: 2, pageToken: users1.body.nextPageToken })}`, { key });
  assert.equal(users2.body.data.length, 1);
  assert.equal(users2.body.nextPageToken, null);
});

test("page size limits: 100 for messages, 50 for contacts and users; maxResults is required", async () => {
  const base = { phoneNumberId: N.main.id, participants: [C.alice.number] };
  assert.equal((await client.call("GET", `/quo/v1/messages${qs({ ...base, maxResults: 100 })}`)).status, 200);
  assert.equal((await client.call("GET", `/quo/v1/messages${qs({ ...base, maxResults: 101 })}`)).status, 400);
  assert.equal((await client.call("GET", `/quo/v1/messages${qs(base)}`)).status, 400);
  assert.equal((await client.call("GET", `/quo/v1/contacts${qs({ maxResults: 51 })}`)).status, 400);
  assert.equal((await client.call("GET", `/quo/v1/users${qs({ maxResults: 50 })}`)).status, 200);
});

test("messages need phoneNumberId and 1-10 participants; calls exactly one participant", async () => {
  const none = await client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: N.main.id, maxResults: 5 })}`);
  assert.equal(none.status, 400);
  assert.ok(none.body.errors.some((e: { path: string }) => e.path === "/participants"));
  const eleven = Array.from({ length: 11 }, (_, i) => `+155555501${40 + i}`);
  assert.equal((await client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants: eleven, maxResults: 5 })}`)).status, 400);
  const two = await client.call("GET", `/quo/v1/calls${qs({ phoneNumberId: N.main.id, participants: [C.alice.number, C.bob.number], maxResults: 5 })}`);
  assert.equal(two.status, 400);
  assert.equal(two.body.code, "0101400");
  const calls = await client.call("GET", `/quo/v1/calls${qs({ phoneNumberId: N.main.id, participants: [C.bob.number], maxResults: 5 })}`);
  assert.equal(calls.body.data.length, 2);
  assert.ok(calls.body.data.some((c: { status: string }) => c.status === "missed"));
});

test("createdAfter / createdBefore filter, and the query keeps its raw encoding in exchanges", async () => {
  const cutoff = new Date(Date.now() - 2 * 3600_000).toISOString();
  const recent = await client.call(
    "GET",
    `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants: [C.alice.number], maxResults: 100, createdAfter: cutoff })}`,
  );
  assert.equal(recent.body.data.length, 2);
  const older = await client.call(
    "GET",
    `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants: [C.alice.number], maxResults: 100, createdBefore: cutoff })}`,
  );
  assert.equal(older.body.data.length, 3);
  assert.equal(
    (await client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: N.main.id, participants: [C.alice.number], maxResults: 1, createdAfter: "yesterday" })}`))
      .status,
    400,
  );
  const last = exchanges.filter((e) => e.operationId === "listMessages_v1").at(-2)!;
  assert.match(last.search, /participants=%2B15555550123/);
  assert.equal(last.plane, "gateway");
  assert.equal(last.key, "key-a");
  assert.equal(last.status, 200);
});

test("artifacts: recordings list, summary/transcript 'absent' when missing, voicemail 404 when missing", async () => {
  const get = (p: string) => client.call("GET", `/quo/v1/${p}`);
  const withArtifacts = SEED.calls.withArtifacts;
  assert.equal((await get(`call-recordings/${withArtifacts}`)).body.data[0].status, "completed");
  assert.equal((await get(`call-summaries/${withArtifacts}`)).body.data.status, "completed");
  const transcript = (await get(`call-transcripts/${withArtifacts}`)).body.data;
  assert.ok(transcript.dialogue.length >= 2);
  const vm = (await get(`call-voicemails/${SEED.calls.voicemail}`)).body.data;
  assert.equal(vm.id, SEED.voicemailId);
  assert.match(vm.transcript, /call me back/);
  assert.deepEqual((await get(`call-recordings/${SEED.calls.missed}`)).body.data, []);
  assert.equal((await get(`call-summaries/${SEED.calls.missed}`)).body.data.status, "absent");
  assert.equal((await get(`call-transcripts/${SEED.calls.missed}`)).body.data.status, "absent");
  assert.equal((await get(`call-voicemails/${SEED.calls.missed}`)).status, 404);
});

test("contacts: create, PATCH replaces whole arrays, filters by externalIds and sources, delete", async () => {
  const key = "key-h";
  const created = await client.call("POST", "/quo/v1/contacts", {
    key,
    body: {
      defaultFields: {
        firstName: "Ivy",
        phoneNumbers: [
          { name: "a", value: "+15555550161" },
          { name: "b", value: "+15555550162" },
        ],
      },
      externalId: "ext-ivy",
      source: "tests",
    },
  });
  assert.equal(created.status, 201);
  const id = created.body.data.id;
  assert.match(id, /^[0-9a-f]{24}$/);
  const patched = await client.call("PATCH", `/quo/v1/contacts/${id}`, {
    key,
    body: { defaultFields: { phoneNumbers: [{ name: "b", value: "+15555550162" }] } },
  });
  assert.equal(patched.body.data.defaultFields.phoneNumbers.length, 1);
  assert.equal(patched.body.data.defaultFields.firstName, "Ivy");
  const byExt = await client.call("GET", `/quo/v1/contacts${qs({ maxResults: 10, externalIds: ["ext-ivy", C.erin.externalId] })}`, { key });
  assert.equal(byExt.body.data.length, 2);
  const bySource = await client.call("GET", `/quo/v1/contacts${qs({ maxResults: 10, sources: ["crm-sync"] })}`, { key });
  assert.deepEqual(
    bySource.body.data.map((c: { id: string }) => c.id),
    [C.erin.id],
  );
  const dup = await client.call("POST", "/quo/v1/contacts", { key, body: { defaultFields: { firstName: "X" }, externalId: "ext-ivy" } });
  assert.equal(dup.status, 409);
  const badField = await client.call("POST", "/quo/v1/contacts", {
    key,
    body: { defaultFields: { firstName: "X" }, customFields: [{ key: "nope", value: "1" }] },
  });
  assert.equal(badField.status, 400);
  assert.equal(badField.body.code, "0801400");
  assert.equal((await client.call("DELETE", `/quo/v1/contacts/${id}`, { key })).status, 204);
  assert.equal((await client.call("GET", `/quo/v1/contacts/${id}`, { key })).status, 404);
});

test("conversations: filters by number and user, newest activity first", async () => {
  const key = "key-i";
  const all = (await client.call("GET", `/quo/v1/conversations${qs({ maxResults: 100 })}`, { key })).body.data;
  assert.equal(all.length, 4);
  const times = all.map((c: { lastActivityAt: string }) => Date.parse(c.lastActivityAt));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  const support = await client.call("GET", `/quo/v1/conversations${qs({ maxResults: 100, phoneNumbers: [N.support.number] })}`, { key });
  assert.deepEqual(
    support.body.data.map((c: { id: string }) => c.id),
    [SEED.conversations.erin.id],
  );
  const member = await client.call("GET", `/quo/v1/conversations${qs({ maxResults: 100, userId: SEED.users.member.id })}`, { key });
  assert.equal(member.body.data.length, 1);
  const pns = await client.call("GET", `/quo/v1/phone-numbers${qs({ userId: SEED.users.member.id })}`, { key });
  assert.deepEqual(
    pns.body.data.map((p: { id: string }) => p.id),
    [N.support.id],
  );
});

test("bad input never crashes: malformed JSON, unknown routes, huge bodies", async () => {
  const bad = await client.call("POST", "/quo/v1/messages", { raw: "{not json", headers: { "content-type": "application/json" } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.status, 400);
  assert.match(bad.body.code, /^\d{7}$/);
  const arr = await send([1, 2, 3]);
  assert.equal(arr.status, 400);
  const unknown = await client.call("GET", "/quo/v1/nothing-here");
  assert.equal(unknown.status, 404);
  const big = await client.call("POST", "/quo/v1/messages", { raw: "x".repeat(1024 * 1024 + 10), headers: { "content-type": "application/json" } });
  assert.equal(big.status, 413);
  const other = await client.call("GET", "/elsewhere");
  assert.equal(other.status, 404);
  assert.equal((await client.call("GET", "/quo/v1/phone-numbers")).status, 200, "still serving");
});

test("tasks: create, act and delete bump revision and change state", async () => {
  const key = "key-j";
  const created = await client.call("POST", "/quo/v1/tasks", { key, body: { title: "T", description: "D", activityId: SEED.calls.withArtifacts } });
  assert.equal(created.status, 201);
  assert.equal(created.body.data.phoneNumberId, N.main.id);
  const id = created.body.data.taskId;
  const done = await client.call("POST", `/quo/v1/tasks/${id}/complete`, { key });
  assert.equal(done.body.data.revision, "2");
  assert.equal((await client.call("GET", `/quo/v1/tasks/${id}`, { key })).body.data.completed, true);
  const two = await client.call("POST", "/quo/v1/tasks", {
    key,
    body: { title: "T", description: "D", phoneNumberId: N.main.id, conversationId: SEED.conversations.bob.id },
  });
  assert.equal(two.status, 400);
  assert.equal((await client.call("DELETE", `/quo/v1/tasks/${id}`, { key })).status, 204);
  assert.equal((await client.call("GET", `/quo/v1/tasks/${id}`, { key })).status, 404);
  const list = await client.call("GET", `/quo/v1/tasks${qs({ maxResults: 100 })}`, { key });
  assert.equal(list.body.data.length, 3);
  assert.equal("nextPageToken" in list.body, false, "the spec has no null token for tasks");
});

test("keep-alive: many sequential requests on one sandbox", async () => {
  for (let i = 0; i < 200; i++) {
    const a = await client.call("GET", `/quo/v1/users/${SEED.users.owner.id}`);
    assert.equal(a.status, 200);
  }
});
