import type { QuoContact, QuoCustomFieldDefinition, QuoLabeledValue } from "../quo/contacts.js";
import { compact, personName, shortTime } from "./compact.js";
import { visibleDeep } from "./visible.js";

/**
 * Phone numbers or emails as the model reads them: `"+15555550123 (mobile)"`, one string
 * where `{value, label}` would spend two keys on each. `verbose` keeps the objects with their
 * item ids, which reconciling or editing records needs.
 */
function labeled(items: QuoLabeledValue[] | undefined, verbose: boolean): string[] | { value: string; label?: string; id?: string }[] {
  const present = (items ?? []).filter((item): item is QuoLabeledValue & { value: string } => Boolean(item.value));
  if (verbose) return present.map((item) => compact({ value: item.value, label: item.name, id: item.id }));
  return present.map((item) => (item.name ? `${item.value} (${item.name})` : item.value));
}

/**
 * A contact in one screenful: name, company, phones, emails, and custom field values by name.
 * `verbose` adds what is needed to reconcile records: item ids, field keys and types, source
 * and timestamps.
 */
export function formatContact(c: QuoContact, verbose = false) {
  const d = c.defaultFields;
  const setFields = c.customFields.filter((f) => f.value !== null && !(Array.isArray(f.value) && f.value.length === 0));
  return visibleDeep(
    compact({
      id: c.id,
      name: personName(d),
      firstName: verbose ? d.firstName : undefined,
      lastName: verbose ? d.lastName : undefined,
      company: d.company,
      role: d.role,
      phones: labeled(d.phoneNumbers, verbose),
      emails: labeled(d.emails, verbose),
      fields: verbose || setFields.length === 0 ? undefined : Object.fromEntries(setFields.map((f) => [f.name ?? f.key, f.value])),
      customFields: verbose ? c.customFields.map((f) => compact({ key: f.key, name: f.name, type: f.type, value: f.value, id: f.id })) : undefined,
      externalId: c.externalId,
      source: verbose ? c.source : undefined,
      sourceUrl: verbose ? c.sourceUrl : undefined,
      createdAt: verbose ? shortTime(c.createdAt) : undefined,
      updatedAt: verbose ? shortTime(c.updatedAt) : undefined,
      createdByUserId: verbose ? c.createdByUserId : undefined,
    }),
  );
}

export function formatCustomFieldDefinition(f: QuoCustomFieldDefinition) {
  return { key: f.key, name: f.name, type: f.type };
}
