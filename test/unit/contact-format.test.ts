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
  it("read as value (label) strings by default, the bare value when there is no label, and leave out empty values", () => {
    const shown = formatContact(contact);
    assert.deepEqual(shown.phones, ["+15555552000 (mobile)", "+15555552001"]);
    assert.deepEqual(shown.emails, ["grace@example.com (work)"]);
  });

  it("stay objects with their item ids when verbose, for reconciling and editing records", () => {
    const full = formatContact(contact, true);
    assert.deepEqual(full.phones, [
      { value: "+15555552000", label: "mobile", id: "ph-1" },
      { value: "+15555552001", id: "ph-2" },
    ]);
    assert.deepEqual(full.emails, [{ value: "grace@example.com", label: "work", id: "em-1" }]);
  });
});
