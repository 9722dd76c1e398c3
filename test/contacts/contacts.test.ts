import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { type Contact, SEED } from "../../src/sandbox/index.js";
import { type Gateway, type Session, TEST_KEY, type ToolResult, call, connect, startGateway, text } from "../helpers/harness.js";

const C = SEED.contacts;

/** The default view: phones and emails as "value (label)" strings. */
interface FoundContact {
  id: string;
  name?: string;
  company?: string;
  phones?: string[];
  emails?: string[];
  fields?: Record<string, unknown>;
}

/** verbose: true keeps phones and emails as objects with their item ids. */
interface VerboseContact {
  id: string;
  phones?: { value: string; label?: string; id?: string }[];
  emails?: { value: string; label?: string; id?: string }[];
}

const contacts = (r: ToolResult) => (r.structuredContent?.contacts ?? []) as FoundContact[];

/** Quo requests on a contacts path sent since `from`. */
function contactRequests(gateway: Gateway, from: number) {
  return gateway.requests.slice(from).filter((r) => r.path.startsWith("/quo/v1/contact"));
}

function ok(result: ToolResult): ToolResult {
  assert.equal(result.isError, undefined, text(result));
  return result;
}

describe("contacts", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, args: ["--toolsets", "contacts"] });
  });
  afterEach(() => {
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });
  after(async () => {
    await session.close();
    await gateway.close();
  });

  it("finds a contact by a national-format number that is its second phone, and says the scan was complete", async () => {
    const result = ok(await call(session, "find_contacts", { phone: "(555) 555-0140" }));
    assert.deepEqual(contacts(result).map((c) => c.id), [C.alice.id]);
    assert.equal(contacts(result)[0]?.name, "Alice Nguyen");
    assert.equal(result.structuredContent?.partial, undefined);
    assert.equal(result.structuredContent?.nextPageToken, undefined);
    assert.equal(result.structuredContent?.scanned, gateway.sandbox.workspace(TEST_KEY).contacts.length);
    assert.deepEqual(contacts(result)[0]?.fields, { "Lead stage": "Customer", "Renewal date": "2026-02-01T00:00:00.000Z" });
    assert.deepEqual(contacts(result)[0]?.phones, [`${C.alice.number} (mobile)`, "+15555550140 (work)"]);
    assert.deepEqual(contacts(result)[0]?.emails, ["alice@nguyendental.example (work)"]);
  });

  it("finds by part of a name or company, ignoring case, and reports no match as an empty list", async () => {
    assert.deepEqual(contacts(ok(await call(session, "find_contacts", { name: "NGUY" }))).map((c) => c.id), [C.alice.id]);
    assert.deepEqual(contacts(ok(await call(session, "find_contacts", { name: "brooks & co" }))).map((c) => c.id), [C.dan.id]);
    assert.deepEqual(contacts(ok(await call(session, "find_contacts", { name: "martinez bob" }))).map((c) => c.id), [C.bob.id]);
    const none = ok(await call(session, "find_contacts", { phone: SEED.unknownCaller }));
    assert.deepEqual(contacts(none), []);
    assert.equal(none.structuredContent?.partial, undefined);
  });

  it("serves a repeated look-up from the per-key cache instead of scanning Quo again", async () => {
    ok(await call(session, "find_contacts", { name: "carol" }));
    const from = gateway.requests.length;
    const again = ok(await call(session, "find_contacts", { name: "smith" }));
    assert.deepEqual(contacts(again).map((c) => c.id), [C.carol.id]);
    assert.equal(contactRequests(gateway, from).length, 0);
  });

  it("gets one by id, filters by externalIds, and with verbose adds ids and the custom field definitions", async () => {
    const one = ok(await call(session, "find_contacts", { id: C.erin.id }));
    assert.deepEqual(contacts(one).map((c) => c.name), ["Erin Patel"]);
    const byExternal = ok(await call(session, "find_contacts", { externalIds: [C.erin.externalId] }));
    assert.deepEqual(contacts(byExternal).map((c) => c.id), [C.erin.id]);
    const verbose = ok(await call(session, "find_contacts", { id: C.alice.id, verbose: true }));
    const defs = verbose.structuredContent?.customFieldDefinitions as { key: string; name: string; type: string }[];
    assert.deepEqual(defs.map((d) => d.name), ["Lead stage", "Renewal date"]);
    const full = contacts(verbose)[0] as VerboseContact;
    assert.deepEqual(full.phones, [
      { value: C.alice.number, label: "mobile", id: "ph-alice-1" },
      { value: "+15555550140", label: "work", id: "ph-alice-2" },
    ]);
    assert.deepEqual(full.emails, [{ value: "alice@nguyendental.example", label: "work", id: "em-alice-1" }]);
    const from = gateway.requests.length;
    const bad = await call(session, "find_contacts", { externalIds: [""] });
    assert.equal(bad.isError, true);
    assert.match(text(bad), /externalId must be 1-75 characters/);
    const badPhone = await call(session, "find_contacts", { phone: "call me" });
    assert.match(text(badPhone), /not a phone number/);
    assert.equal(gateway.requests.length, from, "nothing was sent");
  });

  it("does not serve manage_contact by default, and serves find_contacts", async () => {
    const plain = await connect({ gateway });
    try {
      const names = (await plain.client.listTools()).tools.map((t) => t.name);
      assert.ok(names.includes("find_contacts"), names.join(", "));
      assert.ok(!names.includes("manage_contact"), names.join(", "));
    } finally {
      await plain.close();
    }
    const annotations = (await session.client.listTools()).tools.find((t) => t.name === "manage_contact")?.annotations;
    assert.deepEqual(annotations, { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
  });

  it("creates a contact with normalised phones and custom fields by name, then finds it by phone", async () => {
    const created = ok(
      await call(session, "manage_contact", {
        action: "create",
        firstName: "Grace",
        lastName: "Hopper",
        company: "Navy",
        phones: [{ value: "(555) 555-0150", label: "mobile" }],
        emails: [{ value: "grace@example.com" }],
        customFields: { "lead stage": "Lead", "Renewal date": "2027-01-15" },
      }),
    );
    const contact = created.structuredContent?.contact as FoundContact;
    assert.equal(created.structuredContent?.action, "created");
    assert.deepEqual(contact.phones, ["+15555550150 (mobile)"]);
    assert.deepEqual(contact.emails, ["grace@example.com (email)"], "an email given without a label gets the default one");
    assert.deepEqual(contact.fields, { "Lead stage": "Lead", "Renewal date": "2027-01-15T00:00:00.000Z" });
    // The write cleared the cache: a look-up right after it sees the new contact.
    const found = ok(await call(session, "find_contacts", { phone: "+1 555 555 0150" }));
    assert.deepEqual(contacts(found).map((c) => c.id), [contact.id]);
  });

  it("update adds a phone without deleting the other phones, emails or custom fields", async () => {
    const result = ok(await call(session, "manage_contact", { action: "update", id: C.alice.id, phones: [{ value: "555-555-0141", label: "home" }] }));
    const stored = gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === C.alice.id) as Contact;
    assert.deepEqual(
      stored.defaultFields.phoneNumbers.map((p) => [p.id ?? "new", p.name, p.value]),
      [["ph-alice-1", "mobile", C.alice.number], ["ph-alice-2", "work", "+15555550140"], [stored.defaultFields.phoneNumbers[2]?.id ?? "new", "home", "+15555550141"]],
    );
    assert.deepEqual(stored.defaultFields.emails.map((e) => e.id), ["em-alice-1"]);
    assert.equal(stored.customFields.length, 2);
    assert.equal(stored.defaultFields.company, "Nguyen Dental");
    assert.deepEqual((result.structuredContent?.contact as FoundContact).phones, [`${C.alice.number} (mobile)`, "+15555550140 (work)", "+15555550141 (home)"]);
    // PATCH replaces whole arrays: the body must have carried the existing items, with their ids.
    const patch = gateway.requests.filter((r) => r.method === "PATCH").at(-1);
    const body = patch?.requestBody as { defaultFields: { phoneNumbers: { id?: string }[]; emails?: unknown } };
    assert.deepEqual(body.defaultFields.phoneNumbers.slice(0, 2).map((p) => p.id), ["ph-alice-1", "ph-alice-2"]);
    assert.equal(body.defaultFields.emails, undefined, "emails were not touched, so not sent");
  });

  it("update changes one custom field and keeps the others; a known number only gets its new label", async () => {
    ok(await call(session, "manage_contact", { action: "update", id: C.alice.id, customFields: { "Lead stage": "Churned" }, phones: [{ value: C.alice.number, label: "cell" }] }));
    const stored = gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === C.alice.id) as Contact;
    assert.deepEqual(
      stored.customFields.map((f) => [f.id, f.value]),
      [["cfv-alice-1", "Churned"], ["cfv-alice-2", "2026-02-01T00:00:00.000Z"]],
    );
    assert.deepEqual(stored.defaultFields.phoneNumbers.map((p) => p.name), ["cell", "work", "home"]);
  });

  it("update with remove takes one number off; an unknown value is refused and nothing is sent", async () => {
    ok(await call(session, "manage_contact", { action: "update", id: C.alice.id, remove: ["+15555550141"] }));
    let stored = gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === C.alice.id) as Contact;
    assert.deepEqual(stored.defaultFields.phoneNumbers.map((p) => p.value), [C.alice.number, "+15555550140"]);
    const from = gateway.requests.length;
    const refused = await call(session, "manage_contact", { action: "update", id: C.alice.id, remove: ["nobody@example.com"] });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /remove.*nobody@example\.com.*not on this contact/);
    assert.equal(gateway.requests.slice(from).filter((r) => r.method !== "GET").length, 0);
    stored = gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === C.alice.id) as Contact;
    assert.equal(stored.defaultFields.phoneNumbers.length, 2);
  });

  it("update with replace: true makes the given phones the whole list, and leaves emails alone", async () => {
    const result = ok(await call(session, "manage_contact", { action: "update", id: C.bob.id, phones: [{ value: "+15555550142", label: "work" }], replace: true, role: null }));
    const contact = result.structuredContent?.contact as FoundContact & { role?: string };
    assert.deepEqual(contact.phones, ["+15555550142 (work)"]);
    assert.equal(contact.role, undefined, "null cleared the role");
    const stored = gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === C.bob.id) as Contact;
    assert.equal(stored.customFields.length, 1, "custom fields were not given, so kept");
  });

  it("refuses a wrong custom field name or type, naming the fields, before sending", async () => {
    const from = gateway.requests.length;
    const unknown = await call(session, "manage_contact", { action: "update", id: C.bob.id, customFields: { Colour: "blue" } });
    assert.equal(unknown.isError, true);
    assert.match(text(unknown), /Colour.*Lead stage.*Renewal date/);
    const wrongType = await call(session, "manage_contact", { action: "update", id: C.bob.id, customFields: { "Renewal date": "soon" } });
    assert.match(text(wrongType), /date field/);
    const noId = await call(session, "manage_contact", { action: "update", firstName: "X" });
    assert.match(text(noId), /id/);
    assert.equal(gateway.requests.slice(from).filter((r) => r.method !== "GET").length, 0);
  });

  it("deletes a contact, names it, and a later look-up by id says it is gone", async () => {
    const deleted = ok(await call(session, "manage_contact", { action: "delete", id: C.frank.id }));
    assert.deepEqual(deleted.structuredContent?.deleted, { id: C.frank.id, name: "Frank Ortiz" });
    assert.equal(gateway.sandbox.workspace(TEST_KEY).contacts.some((c) => c.id === C.frank.id), false);
    const gone = await call(session, "find_contacts", { id: C.frank.id });
    assert.equal(gone.isError, true);
    assert.equal((gone.structuredContent?.error as { status?: number }).status, 404);
    assert.deepEqual(contacts(ok(await call(session, "find_contacts", { name: "frank" }))), []);
  });
});

describe("contact search over a large workspace", () => {
  const KEY = "mtn_test_4e1d9b7c05aa";
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, key: KEY });
    // 560 newer contacts: the seeded ones (Alice among them) sort after the first 500.
    const ws = gateway.sandbox.workspace(KEY);
    for (let i = 0; i < 560; i += 1) {
      const at = new Date(Date.parse("2025-06-01T00:00:00Z") + i * 60_000).toISOString();
      ws.contacts.push({
        id: `66aa${String(i).padStart(20, "0")}`, externalId: null, source: null, sourceUrl: null,
        defaultFields: { firstName: `Person${i}`, lastName: "Filler", company: null, role: null, emails: [], phoneNumbers: [{ name: "mobile", value: `+1555556${String(i).padStart(4, "0")}`, id: `ph-${i}` }] },
        customFields: [], createdAt: at, updatedAt: at, createdByUserId: SEED.users.owner.id,
      });
    }
  });
  afterEach(() => {
    assert.deepEqual(gateway.violations, [], "every request and response keeps the Quo v1 contract");
  });
  after(async () => {
    await session.close();
    await gateway.close();
  });

  it("stops after 10 pages of 50, says partial with a token, and the token finds the rest", async () => {
    const from = gateway.requests.length;
    const first = ok(await call(session, "find_contacts", { name: "alice" }));
    const pages = gateway.requests.slice(from).filter((r) => r.path === "/quo/v1/contacts");
    assert.deepEqual(pages.map((r) => new URLSearchParams(r.search).get("maxResults")), Array(10).fill("50"));
    assert.deepEqual(contacts(first), []);
    assert.equal(first.structuredContent?.partial, true);
    assert.equal(first.structuredContent?.scanned, 500);
    assert.match(String(first.structuredContent?.hint), /500 contacts.*pageToken/);
    const rest = ok(await call(session, "find_contacts", { name: "alice", pageToken: first.structuredContent?.nextPageToken }));
    assert.deepEqual(contacts(rest).map((c) => c.id), [C.alice.id]);
    assert.equal(rest.structuredContent?.partial, undefined);
    assert.equal(rest.structuredContent?.scanned, 560 + 6 - 500);
  });

  it("fills maxResults 120 from pages of 50, 50 and 20 when listing (the two of 50 still cached from the search)", async () => {
    const from = gateway.requests.length;
    const listed = ok(await call(session, "find_contacts", { maxResults: 120 }));
    const sizes = gateway.requests.slice(from).filter((r) => r.path === "/quo/v1/contacts").map((r) => new URLSearchParams(r.search).get("maxResults"));
    assert.deepEqual(sizes, ["20"], "pages of 50 from the start were read by the search a moment ago");
    assert.equal(contacts(listed).length, 120);
    const next = ok(await call(session, "find_contacts", { maxResults: 1, pageToken: listed.structuredContent?.nextPageToken }));
    assert.equal(contacts(next)[0]?.name, "Person439 Filler", "newest first: the 121st contact follows");
  });

  it("caps matches at maxResults and resumes inside the page without skipping or repeating", async () => {
    const first = ok(await call(session, "find_contacts", { name: "filler", maxResults: 75 }));
    const ids = contacts(first).map((c) => c.id);
    assert.equal(ids.length, 75);
    assert.equal(first.structuredContent?.partial, true);
    const second = ok(await call(session, "find_contacts", { name: "filler", maxResults: 75, pageToken: first.structuredContent?.nextPageToken }));
    const more = contacts(second).map((c) => c.id);
    assert.equal(more[0], `66aa${String(560 - 76).padStart(20, "0")}`);
    assert.equal(new Set([...ids, ...more]).size, 150);
  });
});
