import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/core";
import { phoneMetadata } from "./phone-metadata.js";

/** Characters a person may type in a phone number; anything else (letters, extensions) is refused. */
const dialable = /^\+?[\d\s().\-/]+$/;

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Normalises a phone number to E.164. National formats are read in `region`. Every *possible*
 * number is accepted, valid-looking or not: the library's table of assigned ranges lags
 * reality, and fictional numbers such as +1 555 555 0100 are used in tests and demos.
 */
export function toE164(input: string, region: string): PhoneResult {
  const text = input.trim();
  if (!dialable.test(text)) {
    return { ok: false, reason: `"${clip(text)}" is not a phone number: use E.164 such as +15555550123, or a national number such as (555) 555-0123` };
  }
  const parsed = parsePhoneNumberFromString(text, region as CountryCode, phoneMetadata());
  if (!parsed?.isPossible()) {
    return {
      ok: false,
      reason: `"${clip(text)}" cannot be a phone number (wrong length${text.startsWith("+") ? "" : ` for region ${region}`}): use E.164 such as +15555550123`,
    };
  }
  return { ok: true, e164: parsed.number };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
