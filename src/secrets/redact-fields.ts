import { REDACTED } from "./scrub.js";

/**
 * Names of fields that can hold a Maton key, a bearer token or a session secret, compared
 * without case. A log line is the only place they are looked for: code should never hand the
 * logger a key in the first place, and the scrubber removes every registered key whatever
 * field it hides in; this catches the secrets it does not know, such as a token in headers.
 */
const secretFields = new Set(
  [
    "apiKey",
    "api_key",
    "key",
    "matonApiKey",
    "maton_api_key",
    "token",
    "authToken",
    "accessToken",
    "access_token",
    "refreshToken",
    "refresh_token",
    "sessionToken",
    "session_token",
    "secret",
    "password",
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-maton-api-key",
    "x-api-key",
  ].map((name) => name.toLowerCase()),
);

/** A JSON member named like a secret field; none of the names holds a character JSON escapes. */
const secretMember = new RegExp(`"(?:${[...secretFields].map((name) => name.replace(/[-_]/g, "\\$&")).join("|")})":`, "i");
/** The same member with a string value, for a line that is somehow not JSON. */
const secretString = new RegExp(`(${secretMember.source})"(?:[^"\\\\]|\\\\.)*"`, "gi");

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines each member, so a member named __proto__ stays one.
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, secretFields.has(name.toLowerCase()) ? REDACTED : redact(field)]));
}

/**
 * A JSON log line with the value of every secret-named field, at any depth, replaced by
 * `[redacted]`. Done on the written line rather than by the logger's path list, which it
 * compiled into code at every start (several milliseconds of a first call) and which covered
 * only the paths it named; a line with no such field, nearly every one, is one regex test.
 */
export function redactSecretFields(line: string): string {
  if (!secretMember.test(line)) return line;
  try {
    return `${JSON.stringify(redact(JSON.parse(line)))}\n`;
  } catch {
    return line.replace(secretString, `$1"${REDACTED}"`);
  }
}
