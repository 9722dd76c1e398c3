import { showHidden } from "../guards/control-characters.js";

/**
 * Text written by others (texts, transcripts, summaries, voicemails, contact fields) as it is
 * returned: control and text-direction characters shown as `<U+202E>`, so they can neither
 * hide nor reorder what the person or the model reads.
 */
export function visible<T extends string | null | undefined>(text: T): T {
  return (typeof text === "string" ? showHidden(text) : text) as T;
}

/** The same for every string of a record (a contact's fields, keys included), at any depth. */
export function visibleDeep<T>(value: T): T {
  if (typeof value === "string") return showHidden(value) as T;
  if (!value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(visibleDeep) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [showHidden(key), visibleDeep(item)])) as T;
}
