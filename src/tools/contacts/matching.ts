import type { QuoContact } from "../../quo/contacts.js";
import { toE164 } from "../../quo/phone.js";

/** Lower case, accents dropped, spaces collapsed: "José  Núñez" finds "jose nunez". */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether any of the contact's phone numbers is `e164`. Stored numbers are compared in E.164
 * form (Quo keeps whatever was typed, e.g. "(555) 555-0123"), read in the default region.
 */
export function hasPhone(contact: QuoContact, e164: string, region: string): boolean {
  return (contact.defaultFields.phoneNumbers ?? []).some((item) => {
    if (!item.value) return false;
    if (item.value === e164) return true;
    const parsed = toE164(item.value, region);
    return parsed.ok && parsed.e164 === e164;
  });
}

/** Case- and accent-insensitive substring over the full name (either order), company and emails. */
export function matchesName(contact: QuoContact, folded: string): boolean {
  const d = contact.defaultFields;
  const first = d.firstName ?? "";
  const last = d.lastName ?? "";
  const haystacks = [`${first} ${last}`, `${last} ${first}`, d.company ?? "", ...(d.emails ?? []).map((e) => e.value ?? "")];
  return haystacks.some((text) => text && foldText(text).includes(folded));
}
