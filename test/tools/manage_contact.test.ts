import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Contact, SEED } from "../../src/sandbox/index.js";
import { TEST_KEY } from "../helpers/harness.js";
import { errorOf, ok, refusedFor, useInProcess } from "../helpers/in-process.js";

const C = SEED.contacts;

/** The default view: phones and emails in one `reach` list, custom field values as keys by name. */
interface FoundContact {
  id: string;
  reach?: string[];
  role?: string;
  [field: string]: unknown;
}

describe("manage_contact", () => {
  const s = useInProcess({ toolsets: ["contacts"] });
  const stored = (id: string) => s.gateway.sandbox.workspace(TEST_KEY).contacts.find((c) => c.id === id) as Contact;
  const writes = (from: number) => s.requestsSince(from).filter((r) => r.method !== "GET");

  it("creates a contact with normalised phones and custom fields by name, then a look-up finds it", async () => {
    const created = ok(
      await s.call("manage_contact", {
        action: "create",
        firstName: "Grace",
        lastName: "Hopper",
        company: "Navy",
        phones: [{ value: "(555) 555-0150", label: "mobile" }],
        emails: [{ value: "grace@example.com" }],
        customFields: { "lead stage": "Lead", "Renewal date": "2027-01-15" },
      }),
    );
    const contact = created.contact as FoundContact;
    assert.equal(created.action, "created");
    assert.deepEqual(contact.reach, ["+15555550150 (mobile)", "grace@example.com (email)"], "an email given without a label gets the default one");
    assert.equal(contact["Lead stage"], "Lead");
    assert.equal(contact["Renewal date"], "2027-01-15T00:00:00.000Z");
    // The write cleared the cache: a look-up right after it sees the new contact.
    const found = ok(await s.call("find_contacts", { phone: "+1 555 555 0150" }));
    assert.deepEqual(
      (found.contacts as FoundContact[]).map((c) => c.id),
      [contact.id],
    );
  });

  it("update adds a phone without deleting the other phones, emails or custom fields", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("manage_contact", { action: "update", id: C.alice.id, phones: [{ value: "555-555-0141", label: "home" }] }));
    const alice = stored(C.alice.id);
    assert.deepEqual(
      alice.defaultFields.phoneNumbers.map((p) => [p.name, p.value]),
      [
        ["mobile", C.alice.number],
        ["work", "+15555550140"],
        ["home", "+15555550141"],
      ],
    );
    assert.deepEqual(
      alice.defaultFields.emails.map((e) => e.id),
      ["em-alice-1"],
    );
    assert.equal(alice.customFields.length, 2);
    assert.equal(alice.defaultFields.company, "Nguyen Dental");
    assert.deepEqual((result.contact as FoundContact).reach, [
      `${C.alice.number} (mobile)`,
      "+15555550140 (work)",
      "+15555550141 (home)",
      "alice@nguyendental.example (work)",
    ]);
    // PATCH replaces whole arrays: the body must have carried the existing items, with their ids.
    const [patch] = writes(from);
    assert.equal(patch?.method, "PATCH");
    const body = patch?.requestBody as { defaultFields: { phoneNumbers: { id?: string }[]; emails?: unknown } };
    assert.deepEqual(
      body.defaultFields.phoneNumbers.slice(0, 2).map((p) => p.id),
      ["ph-alice-1", "ph-alice-2"],
    );
    assert.equal(body.defaultFields.emails, undefined, "emails were not touched, so not sent");
  });

  it("update changes one custom field and keeps the others; a known number only gets its new label", async () => {
    ok(
      await s.call("manage_contact", {
        action: "update",
        id: C.alice.id,
        customFields: { "Lead stage": "Churned" },
        phones: [{ value: C.alice.number, label: "cell" }],
      }),
    );
    const alice = stored(C.alice.id);
    assert.deepEqual(
      alice.customFields.map((f) => [f.id, f.value]),
      [
        ["cfv-alice-1", "Churned"],
        ["cfv-alice-2", "2026-02-01T00:00:00.000Z"],
      ],
    );
    assert.deepEqual(
      alice.defaultFields.phoneNumbers.map((p) => p.name),
      ["cell", "work", "home"],
    );
  });

  it("update with remove takes one number off; an unknown value is refused and nothing is written", async () => {
    ok(await s.call("manage_contact", { action: "update", id: C.alice.id, remove: ["+15555550141"] }));
    assert.deepEqual(
      stored(C.alice.id).defaultFields.phoneNumbers.map((p) => p.value),
      [C.alice.number, "+15555550140"],
    );
    const from = s.gateway.requests.length;
    refusedFor(
      await s.call("manage_contact", { action: "update", id: C.alice.id, remove: ["nobody@example.com"] }),
      "remove",
      /nobody@example\.com.*not on this contact/,
    );
    assert.equal(writes(from).length, 0);
    assert.equal(stored(C.alice.id).defaultFields.phoneNumbers.length, 2);
  });

  it("update with replace: true makes the given phones the whole list, null clears a field, and the rest is kept", async () => {
    const result = ok(
      await s.call("manage_contact", { action: "update", id: C.bob.id, phones: [{ value: "+15555550142", label: "work" }], replace: true, role: null }),
    );
    const contact = result.contact as FoundContact;
    assert.deepEqual(
      contact.reach?.filter((r) => r.startsWith("+")),
      ["+15555550142 (work)"],
    );
    assert.equal(contact.role, undefined, "null cleared the role");
    assert.equal(stored(C.bob.id).customFields.length, 1, "custom fields were not given, so kept");
  });

  it("refuses wrong custom fields, a missing id, an id on create, remove with replace and an empty update, before writing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(
      await s.call("manage_contact", { action: "update", id: C.bob.id, customFields: { Colour: "blue" } }),
      "customFields",
      /Colour.*Lead stage.*Renewal date/,
    );
    refusedFor(await s.call("manage_contact", { action: "update", id: C.bob.id, customFields: { "Renewal date": "soon" } }), "customFields", /date field/);
    refusedFor(await s.call("manage_contact", { action: "update", firstName: "X" }), "id", /required/);
    refusedFor(await s.call("manage_contact", { action: "create", id: C.bob.id, firstName: "X" }), "id", /must not be given/);
    refusedFor(await s.call("manage_contact", { action: "create" }), "firstName", /required/);
    refusedFor(await s.call("manage_contact", { action: "update", id: C.bob.id, remove: ["+15555550124"], replace: true }), "remove", /replace/);
    refusedFor(await s.call("manage_contact", { action: "update", id: C.bob.id }), "action", /something to change/);
    refusedFor(await s.call("manage_contact", { action: "create", emails: [{ value: "not-an-email" }] }), "emails.0.value", /email address/);
    assert.equal(writes(from).length, 0);
  });

  it("deletes a contact, names it, and a later look-up by id says it is gone", async () => {
    const deleted = ok(await s.call("manage_contact", { action: "delete", id: C.frank.id }));
    assert.deepEqual(deleted.deleted, { id: C.frank.id, name: "Frank Ortiz" });
    assert.equal(
      s.gateway.sandbox.workspace(TEST_KEY).contacts.some((c) => c.id === C.frank.id),
      false,
    );
    assert.equal(errorOf(await s.call("find_contacts", { id: C.frank.id })).status, 404);
    assert.deepEqual(ok(await s.call("find_contacts", { name: "frank" })).contacts, []);
  });
});
