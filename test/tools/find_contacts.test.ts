import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, TEST_KEY, type ToolResult } from "../helpers/harness.js";
import { errorOf, ok, refusedFor, useInProcess } from "../helpers/in-process.js";

const C = SEED.contacts;

/** The default view: phones and emails as "value (label)" strings in one list, custom field values as keys by name. */
interface FoundContact {
  id: string;
  name?: string;
  reach?: string[];
  [field: string]: unknown;
}

/** verbose: true keeps phones and emails as objects with their item ids. */
interface VerboseContact {
  id: string;
  phones?: { value: string; label?: string; id?: string }[];
  emails?: { value: string; label?: string; id?: string }[];
}

const contacts = (r: ToolResult) => (ok(r).contacts ?? []) as FoundContact[];
const contactReads = (gateway: Gateway, from: number) => gateway.requests.slice(from).filter((r) => r.path.startsWith("/quo/v1/contact"));

describe("find_contacts", () => {
  const s = useInProcess();

  it("finds a contact by a national-format number that is its second phone, and says the scan was complete", async () => {
    const result = await s.call("find_contacts", { phone: "(555) 555-0140" });
    const [alice] = contacts(result);
    assert.deepEqual(
      contacts(result).map((c) => c.id),
      [C.alice.id],
    );
    assert.equal(alice?.name, "Alice Nguyen");
    assert.equal(ok(result).partial, undefined);
    assert.equal(ok(result).nextPageToken, undefined);
    assert.equal(ok(result).scanned, s.gateway.sandbox.workspace(TEST_KEY).contacts.length);
    assert.equal(alice?.["Lead stage"], "Customer");
    assert.equal(alice?.["Renewal date"], "2026-02-01T00:00:00.000Z");
    assert.equal(alice?.fields, undefined, "no field name is taken by a contact key");
    assert.deepEqual(alice?.reach, [`${C.alice.number} (mobile)`, "+15555550140 (work)", "alice@nguyendental.example (work)"]);
  });

  it("finds by part of a name or company, ignoring case and order, and reports no match as an empty list", async () => {
    assert.deepEqual(
      contacts(await s.call("find_contacts", { name: "NGUY" })).map((c) => c.id),
      [C.alice.id],
    );
    assert.deepEqual(
      contacts(await s.call("find_contacts", { name: "brooks & co" })).map((c) => c.id),
      [C.dan.id],
    );
    assert.deepEqual(
      contacts(await s.call("find_contacts", { name: "martinez bob" })).map((c) => c.id),
      [C.bob.id],
    );
    const none = await s.call("find_contacts", { phone: SEED.unknownCaller });
    assert.deepEqual(contacts(none), []);
    assert.equal(ok(none).partial, undefined);
  });

  it("serves a repeated look-up from the per-key cache instead of scanning Quo again", async () => {
    ok(await s.call("find_contacts", { name: "carol" }));
    const from = s.gateway.requests.length;
    assert.deepEqual(
      contacts(await s.call("find_contacts", { name: "smith" })).map((c) => c.id),
      [C.carol.id],
    );
    assert.equal(contactReads(s.gateway, from).length, 0);
  });

  it("gets one by id, filters by externalIds and sources, and with verbose adds item ids and the custom field definitions", async () => {
    assert.deepEqual(
      contacts(await s.call("find_contacts", { id: C.erin.id })).map((c) => c.name),
      ["Erin Patel"],
    );
    assert.deepEqual(
      contacts(await s.call("find_contacts", { externalIds: [C.erin.externalId] })).map((c) => c.id),
      [C.erin.id],
    );
    assert.deepEqual(
      contacts(await s.call("find_contacts", { sources: [C.erin.source] })).map((c) => c.id),
      [C.erin.id],
    );
    const verbose = await s.call("find_contacts", { id: C.alice.id, verbose: true });
    const defs = ok(verbose).customFieldDefinitions as { key: string; name: string }[];
    assert.deepEqual(
      defs.map((d) => d.name),
      ["Lead stage", "Renewal date"],
    );
    const full = contacts(verbose)[0] as VerboseContact;
    assert.deepEqual(full.phones, [
      { value: C.alice.number, label: "mobile", id: "ph-alice-1" },
      { value: "+15555550140", label: "work", id: "ph-alice-2" },
    ]);
    assert.deepEqual(full.emails, [{ value: "alice@nguyendental.example", label: "work", id: "em-alice-1" }]);
  });

  it("refuses an empty externalId, a phone that is not a number and a blank name, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("find_contacts", { externalIds: [""] }), "externalIds", /1-75 characters/);
    refusedFor(await s.call("find_contacts", { phone: "call me" }), "phone", /not a phone number/);
    refusedFor(await s.call("find_contacts", { name: "  " }), "name", /empty/);
    assert.equal(s.gateway.requests.length, from, "nothing was sent");
  });

  it("says a contact id Quo does not know is not found", async () => {
    const error = errorOf(await s.call("find_contacts", { id: "665f1c0a00000000000000ff" }));
    assert.equal(error.status, 404);
  });
});

describe("find_contacts over a large workspace", () => {
  const s = useInProcess();
  before(() => {
    // 560 newer contacts: the seeded ones (Alice among them) sort after the first 500.
    const ws = s.gateway.sandbox.workspace(TEST_KEY);
    for (let i = 0; i < 560; i += 1) {
      const at = new Date(Date.parse("2025-06-01T00:00:00Z") + i * 60_000).toISOString();
      ws.contacts.push({
        id: `66aa${String(i).padStart(20, "0")}`,
        externalId: null,
        source: null,
        sourceUrl: null,
        defaultFields: {
          firstName: `Person${i}`,
          lastName: "Filler",
          company: null,
          role: null,
          emails: [],
          phoneNumbers: [{ name: "mobile", value: `+1555556${String(i).padStart(4, "0")}`, id: `ph-${i}` }],
        },
        customFields: [],
        createdAt: at,
        updatedAt: at,
        createdByUserId: SEED.users.owner.id,
      });
    }
  });

  it("stops after 10 pages of 50, says partial with a token, and the token finds the rest", async () => {
    const from = s.gateway.requests.length;
    const first = await s.call("find_contacts", { name: "alice" });
    const pages = s.requestsSince(from).filter((r) => r.path === "/quo/v1/contacts");
    assert.deepEqual(
      pages.map((r) => new URLSearchParams(r.search).get("maxResults")),
      Array(10).fill("50"),
    );
    assert.deepEqual(contacts(first), []);
    assert.equal(ok(first).partial, true);
    assert.equal(ok(first).scanned, 500);
    assert.match(String(ok(first).hint), /500 contacts.*pageToken/);
    const rest = await s.call("find_contacts", { name: "alice", pageToken: ok(first).nextPageToken });
    assert.deepEqual(
      contacts(rest).map((c) => c.id),
      [C.alice.id],
    );
    assert.equal(ok(rest).partial, undefined);
    assert.equal(ok(rest).scanned, 560 + 6 - 500);
  });

  it("fills maxResults 120 when listing, reading only the page the search did not cache", async () => {
    const from = s.gateway.requests.length;
    const listed = await s.call("find_contacts", { maxResults: 120 });
    const sizes = s
      .requestsSince(from)
      .filter((r) => r.path === "/quo/v1/contacts")
      .map((r) => new URLSearchParams(r.search).get("maxResults"));
    assert.deepEqual(sizes, ["20"], "pages of 50 from the start were read by the search a moment ago");
    assert.equal(contacts(listed).length, 120);
    const next = await s.call("find_contacts", { maxResults: 1, pageToken: ok(listed).nextPageToken });
    assert.equal(contacts(next)[0]?.name, "Person439 Filler", "newest first: the 121st contact follows");
  });

  it("caps matches at maxResults and resumes inside the page without skipping or repeating", async () => {
    const first = await s.call("find_contacts", { name: "filler", maxResults: 75 });
    const ids = contacts(first).map((c) => c.id);
    assert.equal(ids.length, 75);
    assert.equal(ok(first).partial, true);
    const second = await s.call("find_contacts", { name: "filler", maxResults: 75, pageToken: ok(first).nextPageToken });
    const more = contacts(second).map((c) => c.id);
    assert.equal(more[0], `66aa${String(560 - 76).padStart(20, "0")}`);
    assert.equal(new Set([...ids, ...more]).size, 150);
  });
});
