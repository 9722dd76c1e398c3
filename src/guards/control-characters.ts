import { ArgumentError } from "../errors.js";

/**
 * Characters that can hide or reorder what a person or a model reads: C0 controls other than
 * line breaks and tabs, DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates (the characters of "Trojan Source" text). The direction marks (U+200E, U+200F,
 * U+061C) are not among them: they only nudge neutral characters, and right-to-left writers
 * type them in ordinary text.
 */
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const HIDDEN_GLOBAL = new RegExp(HIDDEN_CHARACTERS.source, "g");

const C0_NAMES = [
  "NULL",
  "START OF HEADING",
  "START OF TEXT",
  "END OF TEXT",
  "END OF TRANSMISSION",
  "ENQUIRY",
  "ACKNOWLEDGE",
  "BELL",
  "BACKSPACE",
  "CHARACTER TABULATION",
  "LINE FEED",
  "LINE TABULATION",
  "FORM FEED",
  "CARRIAGE RETURN",
  "SHIFT OUT",
  "SHIFT IN",
  "DATA LINK ESCAPE",
  "DEVICE CONTROL ONE",
  "DEVICE CONTROL TWO",
  "DEVICE CONTROL THREE",
  "DEVICE CONTROL FOUR",
  "NEGATIVE ACKNOWLEDGE",
  "SYNCHRONOUS IDLE",
  "END OF TRANSMISSION BLOCK",
  "CANCEL",
  "END OF MEDIUM",
  "SUBSTITUTE",
  "ESCAPE",
  "FILE SEPARATOR",
  "GROUP SEPARATOR",
  "RECORD SEPARATOR",
  "UNIT SEPARATOR",
];

const OTHER_NAMES: Record<number, string> = {
  127: "DELETE",
  133: "NEXT LINE",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
};

/** `U+202E`: the code point as Unicode writes it. */
function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+001B ESCAPE`, `U+0090 C1 CONTROL`. */
function characterName(code: number): string {
  const name = code < 0x20 ? C0_NAMES[code] : (OTHER_NAMES[code] ?? (code >= 0x80 && code <= 0x9f ? "C1 CONTROL" : undefined));
  return name ? `${codePoint(code)} ${name}` : codePoint(code);
}

/** Text from others with every hidden character shown as `<U+202E>`, so it can neither hide nor reorder anything. */
export function showHidden(text: string): string {
  return HIDDEN_CHARACTERS.test(text) ? text.replace(HIDDEN_GLOBAL, (c) => `<${codePoint(c.charCodeAt(0))}>`) : text;
}

/**
 * Refuses, before anything is sent, a hidden character in any text of a write's arguments, at
 * any depth (object keys included), naming the character, its place and the argument.
 */
export function refuseHiddenCharacters(args: unknown): void {
  visit(args, "");
}

function visit(value: unknown, path: string): void {
  if (typeof value === "string") {
    check(value, path);
    return;
  }
  if (!value || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) visit(item, `${path}[${i}]`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const child = path ? (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`) : key;
    check(key, path ? `${path} (a key)` : key);
    visit(item, child);
  }
}

function check(text: string, path: string): void {
  const found = HIDDEN_CHARACTERS.exec(text);
  if (!found) return;
  // Positions count characters as a person does (an emoji is one), from 1.
  const position = Array.from(text.slice(0, found.index)).length + 1;
  throw new ArgumentError(
    path || "arguments",
    `contains ${characterName(found[0].charCodeAt(0))} at character ${position}. Control and text-direction characters can hide or reorder what the recipient reads, so they are not sent: remove it (line breaks and tabs are fine). Nothing was sent.`,
  );
}
