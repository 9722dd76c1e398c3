import type { QuoContact, QuoCustomFieldDefinition, QuoLabeledValue } from "../quo/contacts.js";
import { compact, personName, shortTime } from "./compact.js";
import { visibleDeep } from "./visible.js";

const present = (items: QuoLabeledValue[] | undefined) => (items ?? []).filter((item): item is QuoLabeledValue & { value: string } => Boolean(item.value));

/**
 * Phone numbers or emails as the model reads them: `"+15555550123 (mobile)"`, one string
 * where `{value, label}` would spend two keys on each.
 */
function labels(items: QuoLabeledValue[] | undefined): string[] {
  return present(items).map((item) => (item.name ? `${item.value} (${item.name})` : item.value));
}

/** The objects with their item ids, which reconciling or editing records needs. */
function labeledObjects(items: QuoLabeledValue[] | undefined): { value: string; label?: string; id?: string }[] {
  return present(items).map((item) => compact({ value: item.value, label: item.name, id: item.id }));
}

/** The keys of a contact in one screenful; a custom field named like one of them stays under `fields`. */
const CONTACT_KEYS = new Set(["id", "name", "company", "role", "reach", "fields", "externalId"]);

/**
 * A contact in one screenful: name, company, role, its phones and emails in one `reach` list
 * (a phone and an email tell themselves apart), and each set custom field as a key of its own,
 * by name, so no key or bracket is spent on grouping. `verbose` keeps phones and emails apart as
 * objects and adds what is needed to reconcile records: item ids, field keys and types, source
 * and timestamps.
 */
export function formatContact(c: QuoContact, verbose = false) {
  const d = c.defaultFields;
  const setFields = c.customFields.filter((f) => f.value !== null && !(Array.isArray(f.value) && f.value.length === 0));
  return visibleDeep({
    ...compact({
      id: c.id,
      name: personName(d),
      firstName: verbose ? d.firstName : undefined,
      lastName: verbose ? d.lastName : undefined,
      company: d.company,
      role: d.role,
      reach: verbose ? undefined : [...labels(d.phoneNumbers), ...labels(d.emails)],
      phones: verbose ? labeledObjects(d.phoneNumbers) : undefined,
      emails: verbose ? labeledObjects(d.emails) : undefined,
      customFields: verbose ? c.customFields.map((f) => compact({ key: f.key, name: f.name, type: f.type, value: f.value, id: f.id })) : undefined,
      externalId: c.externalId,
      source: verbose ? c.source : undefined,
      sourceUrl: verbose ? c.sourceUrl : undefined,
      createdAt: verbose ? shortTime(c.createdAt) : undefined,
      updatedAt: verbose ? shortTime(c.updatedAt) : undefined,
      createdByUserId: verbose ? c.createdByUserId : undefined,
    }),
    ...(verbose ? {} : byName(setFields)),
  });
}

/**
 * Set custom field values as keys of the contact; a name taken by a contact key, or twice, goes
 * under `fields`. Built with Object.fromEntries and spread, never assigned, so a field named
 * `__proto__` stays an ordinary key.
 */
function byName(fields: QuoContact["customFields"]): Record<string, unknown> {
  const own = new Map<string, unknown>();
  const grouped = new Map<string, unknown>();
  for (const f of fields) {
    const name = f.name ?? f.key;
    if (CONTACT_KEYS.has(name) || own.has(name)) grouped.set(name, f.value);
    else own.set(name, f.value);
  }
  return { ...Object.fromEntries(own), ...(grouped.size === 0 ? {} : { fields: Object.fromEntries(grouped) }) };
}

export function formatCustomFieldDefinition(f: QuoCustomFieldDefinition) {
  return { key: f.key, name: f.name, type: f.type };
}
