import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatContact } from "../../src/format/contacts.js";
import type { QuoContact } from "../../src/quo/contacts.js";

const contact: QuoContact = {
  id: "665f1c0a0000000000000001",
  externalId: null,
  source: null,
  sourceUrl: null,
  defaultFields: {
    firstName: "Grace",
    lastName: "Hopper",
    company: null,
    role: null,
    phoneNumbers: [
      { name: "mobile", value: "+15555552000", id: "ph-1" },
      { name: "", value: "+15555552001", id: "ph-2" },
      { name: "work", value: null, id: "ph-3" },
    ],
    emails: [{ name: "work", value: "grace@example.com", id: "em-1" }],
  },
  customFields: [],
  createdAt: "2025-01-10T16:00:00.000Z",
  updatedAt: "2025-01-10T16:00:00.000Z",
  createdByUserId: "USowner0001",
};

describe("a contact's phones and emails", () => {
  it("read as value (label) strings in one reach list, phones first, the bare value when there is no label, and leave out empty values", () => {
    const shown = formatContact(contact);
    assert.deepEqual(shown.reach, ["+15555552000 (mobile)", "+15555552001", "grace@example.com (work)"]);
    assert.equal("phones" in shown, false);
    assert.equal("emails" in shown, false);
  });

  it("stay objects with their item ids when verbose, for reconciling and editing records", () => {
    const full = formatContact(contact, true);
    assert.equal("reach" in full, false);
    assert.deepEqual(full.phones, [
      { value: "+15555552000", label: "mobile", id: "ph-1" },
      { value: "+15555552001", id: "ph-2" },
    ]);
    assert.deepEqual(full.emails, [{ value: "grace@example.com", label: "work", id: "em-1" }]);
  });
});

describe("a contact's custom fields", () => {
  type Field = QuoContact["customFields"][number];
  const field = (name: string, value: Field["value"], key = `cf_${name}`): Field => ({ name, key, type: "string", value, id: `cfv-${key}` });

  it("read as keys of the contact by name, leaving out unset ones", () => {
    const shown = formatContact({ ...contact, customFields: [field("Lead stage", "Customer"), field("Tags", []), field("Notes", null)] }) as Record<
      string,
      unknown
    >;
    assert.equal(shown["Lead stage"], "Customer");
    assert.equal("Tags" in shown, false);
    assert.equal("Notes" in shown, false);
    assert.equal("fields" in shown, false);
  });

  it("go under fields when a name is a contact key or is used twice, so no value hides another", () => {
    const shown = formatContact({
      ...contact,
      customFields: [field("name", "Amazing Grace"), field("Stage", "Lead", "cf_a"), field("Stage", "Won", "cf_b"), field("reach", "email only")],
    }) as Record<string, unknown>;
    assert.equal(shown.name, "Grace Hopper");
    assert.equal(shown.Stage, "Lead");
    assert.deepEqual(shown.fields, { name: "Amazing Grace", Stage: "Won", reach: "email only" });
    assert.deepEqual(shown.reach, ["+15555552000 (mobile)", "+15555552001", "grace@example.com (work)"]);
  });

  it("keep a field named __proto__ as an ordinary key, never the record's prototype", () => {
    const shown = formatContact({ ...contact, customFields: [field("__proto__", "x")] }) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(shown), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(shown, "__proto__")?.value, "x");
  });
});
