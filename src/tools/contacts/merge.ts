import { ArgumentError } from "../../errors.js";
import type { CustomFieldValue, CustomFieldWrite, QuoContact, QuoCustomFieldDefinition, QuoLabeledValue } from "../../quo/contacts.js";
import { toE164 } from "../../quo/phone.js";

export interface LabeledInput {
  value: string;
  label?: string;
}

/** Labels Quo requires on every item, when the model gives none. */
export const DEFAULT_PHONE_LABEL = "phone";
export const DEFAULT_EMAIL_LABEL = "email";

type Same = (a: string, b: string) => boolean;

export const samePhone =
  (region: string): Same =>
  (a, b) => {
    if (a === b) return true;
    const x = toE164(a, region);
    const y = toE164(b, region);
    return x.ok && y.ok && x.e164 === y.e164;
  };

export const sameEmail: Same = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The array to PATCH for phones or emails. v1 PATCH replaces the whole array, so by default the
 * current items are sent back (with their ids, so Quo keeps them) plus the additions; a value
 * already present only has its label updated. `remove` drops matching items. With `replace`,
 * the array is exactly `given`.
 */
export function mergeLabeled(
  current: QuoLabeledValue[] | undefined,
  given: LabeledInput[] | undefined,
  remove: string[],
  options: { replace: boolean; same: Same; defaultLabel: string },
): QuoLabeledValue[] {
  const fresh = (item: LabeledInput): QuoLabeledValue => ({ name: item.label ?? options.defaultLabel, value: item.value });
  if (options.replace && given) return dedupe(given.map(fresh), options.same);
  const out: QuoLabeledValue[] = (current ?? [])
    .filter((item) => item.value && !remove.some((r) => options.same(r, item.value as string)))
    .map((item) => ({ name: item.name, value: item.value, ...(item.id ? { id: item.id } : {}) }));
  for (const item of given ?? []) {
    const existing = out.find((o) => o.value && options.same(o.value, item.value));
    if (existing) {
      if (item.label) existing.name = item.label;
    } else {
      out.push(fresh(item));
    }
  }
  return out;
}

function dedupe(items: QuoLabeledValue[], same: Same): QuoLabeledValue[] {
  return items.filter((item, i) => items.findIndex((other) => same(other.value ?? "", item.value ?? "")) === i);
}

/** Which given values are not on the contact: removing them would be a silent no-op. */
export function missing(current: QuoLabeledValue[] | undefined, values: string[], same: Same): string[] {
  return values.filter((v) => !(current ?? []).some((item) => item.value && same(v, item.value)));
}

export type CustomFieldInput = Record<string, CustomFieldValue>;

/**
 * Custom field values by field name or key, checked against the workspace's definitions so a
 * wrong name or type is refused before anything is sent. Dates may be given as YYYY-MM-DD.
 */
export function resolveCustomFields(given: CustomFieldInput, definitions: QuoCustomFieldDefinition[]): CustomFieldWrite[] {
  const known = () => definitions.map((d) => `"${d.name}" (${d.type})`).join(", ") || "none (the workspace has no custom fields)";
  return Object.entries(given).map(([ref, raw]) => {
    const def = definitions.find((d) => d.key === ref) ?? definitions.find((d) => d.name.toLowerCase() === ref.trim().toLowerCase());
    if (!def) throw new ArgumentError("customFields", `"${ref}" is not a custom field of this workspace; the fields are: ${known()}`);
    return { key: def.key, value: coerce(def, raw) };
  });
}

function coerce(def: QuoCustomFieldDefinition, value: CustomFieldValue): CustomFieldValue {
  if (value === null) return null;
  const wrong = (form: string) => new ArgumentError("customFields", `"${def.name}" is a ${def.type} field: give ${form}, or null to clear it`);
  switch (def.type) {
    case "multi-select":
      if (typeof value === "string") return [value];
      if (Array.isArray(value)) return value;
      throw wrong('an array of options such as ["gold"]');
    case "boolean":
      if (typeof value === "boolean") return value;
      throw wrong("true or false");
    case "number":
      if (typeof value === "number") return value;
      throw wrong("a number");
    case "date": {
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return `${value}T00:00:00.000Z`;
      if (typeof value === "string" && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString();
      throw wrong("a date such as 2026-02-01 or 2026-02-01T09:00:00Z");
    }
    default:
      if (typeof value === "string") return value;
      throw wrong("text");
  }
}

/**
 * Custom fields to PATCH: the contact's current values (with their item ids) updated by the
 * given ones, or with `replace` only the given ones.
 */
export function mergeCustomFields(contact: QuoContact, updates: CustomFieldWrite[], replace: boolean): CustomFieldWrite[] {
  if (replace) return updates;
  const out: CustomFieldWrite[] = contact.customFields.map((f) => ({ key: f.key, value: f.value, ...(f.id ? { id: f.id } : {}) }));
  for (const update of updates) {
    const existing = out.find((f) => f.key === update.key);
    if (existing) existing.value = update.value;
    else out.push(update);
  }
  return out;
}
