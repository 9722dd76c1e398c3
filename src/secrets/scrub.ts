/**
 * The one scrubber for keys this process holds (Maton keys, the HTTP bearer token). Anything
 * that leaves the process (a tool result, an error, a log line) goes through it, and it
 * removes not only a whole key but any piece of one: an upstream that echoes a key may cut,
 * split or re-case it, and 8 characters of a key are already a leak.
 */

export const REDACTED = "[redacted]";

/** The shortest piece of a key that counts as a leak; shorter keys are not registered. */
const PIECE = 8;

/**
 * Matches are found from aligned 4-character probes: a common run of 8 or more characters
 * always contains a whole 4-character block starting at a multiple of 4 of the text, so the
 * scan looks up a quarter of the text's positions and extends the few hits both ways.
 */
const PROBE = 4;

/** Keys, with how many holders each has: a key is forgotten once no holder needs it. */
const secrets = new Map<string, number>();
/** Every 4-character block of every (case-folded) key, by a numeric hash, to the places it starts. */
let probes = new Map<number, { secret: string; at: number }[]>();
/**
 * Which pairs of characters (low bytes, case-folded) occur in any key: a probe whose first two
 * characters are not such a pair cannot start a match, and ordinary text rarely has one.
 */
let pairs = new Uint8Array(65536);
/**
 * Whether some key holds a character JSON.stringify writes escaped (a quote, a backslash, a
 * control character, a lone surrogate): a piece of such a key may not appear as such in JSON.
 */
let escapedInJson = false;

const pairAt = (text: string, at: number): number => ((fold(text.charCodeAt(at)) & 0xff) << 8) | (fold(text.charCodeAt(at + 1)) & 0xff);

/** ASCII letters compare without case; everything else exactly (keys are ASCII). */
const fold = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

function hashAt(text: string, at: number): number {
  return ((fold(text.charCodeAt(at)) * 31 + fold(text.charCodeAt(at + 1))) * 31 + fold(text.charCodeAt(at + 2))) * 31 + fold(text.charCodeAt(at + 3));
}

function rebuild(): void {
  const next = new Map<number, { secret: string; at: number }[]>();
  const nextPairs = new Uint8Array(65536);
  for (const secret of secrets.keys()) {
    for (let at = 0; at + PROBE <= secret.length; at++) {
      nextPairs[pairAt(secret, at)] = 1;
      const hash = hashAt(secret, at);
      const places = next.get(hash);
      if (places) places.push({ secret, at });
      else next.set(hash, [{ secret, at }]);
    }
  }
  probes = next;
  pairs = nextPairs;
  escapedInJson = [...secrets.keys()].some((secret) => JSON.stringify(secret).length !== secret.length + 2);
}

/**
 * Registers a key so that no piece of it can leave the process. Returns the release for its
 * holder: a multi-tenant server forgets a key once no tenant holds it, so the index does not
 * grow with every key ever seen.
 */
export function registerSecret(secret: string | undefined): () => void {
  // Too short a value would scrub ordinary words; real keys are long.
  if (!secret || secret.length < PIECE) return () => {};
  const holders = secrets.get(secret) ?? 0;
  secrets.set(secret, holders + 1);
  if (holders === 0) rebuild();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (secrets.get(secret) ?? 1) - 1;
    if (left > 0) secrets.set(secret, left);
    else {
      secrets.delete(secret);
      rebuild();
    }
  };
}

/** Replaces every run of 8 or more characters that also occurs in a registered key, in any case. */
export function scrubText(text: string): string {
  if (secrets.size === 0 || text.length < PIECE) return text;
  // Ranges to redact, as [start, end) pairs, found in increasing order of start.
  let ranges: number[] | undefined;
  for (let i = 0; i + PROBE <= text.length; i += PROBE) {
    if (pairs[pairAt(text, i)] === 0) continue;
    const places = probes.get(hashAt(text, i));
    if (!places) continue;
    for (const { secret, at } of places) {
      let left = 0;
      while (left < at && left < i && fold(text.charCodeAt(i - left - 1)) === fold(secret.charCodeAt(at - left - 1))) left++;
      let right = 0;
      while (i + right < text.length && at + right < secret.length && fold(text.charCodeAt(i + right)) === fold(secret.charCodeAt(at + right))) right++;
      // right < PROBE means a hash collision, not a match.
      if (right < PROBE || left + right < PIECE) continue;
      (ranges ??= []).push(i - left, i + right);
    }
  }
  if (!ranges) return text;
  return redactRanges(text, ranges);
}

function redactRanges(text: string, ranges: number[]): string {
  const pairs: [number, number][] = [];
  for (let k = 0; k < ranges.length; k += 2) pairs.push([ranges[k] as number, ranges[k + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  let start = -1;
  let end = -1;
  for (const [s, e] of pairs) {
    if (start >= 0 && s <= end) {
      end = Math.max(end, e);
      continue;
    }
    if (start >= 0) {
      out += text.slice(from, start) + REDACTED;
      from = end;
    }
    start = s;
    end = e;
  }
  out += text.slice(from, start) + REDACTED + text.slice(end);
  return out;
}

/**
 * Scrubs every string of a JSON-like value, keys included, at any depth. Returns the value
 * itself when nothing needed scrubbing, so a clean result costs a walk and no copy.
 */
export function scrubDeep<T>(value: T): T {
  if (secrets.size === 0) return value;
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubText(value);
  if (!value || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const clean = walk(item, depth + 1);
      if (clean !== item) (copy ??= value.slice())[i] = clean;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  // for...in rather than Object.entries: a clean object, the usual case, costs no allocation.
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const cleanKey = scrubText(key);
    const clean = walk(item, depth + 1);
    if (cleanKey !== key || clean !== item) {
      copy ??= { ...record };
      if (cleanKey !== key) delete copy[key];
      copy[cleanKey] = clean;
    }
  }
  return copy ?? value;
}

/**
 * A JSON-like value and its JSON text, both scrubbed. A clean value (the usual case) costs one
 * scan of the text instead of a walk through every string: when the text holds no piece of a
 * key, no string in the value does either, because JSON.stringify writes every character of
 * a key as itself (checked when keys are registered; otherwise the value is walked).
 */
export function scrubToJson<T>(value: T): { value: T; json: string } {
  const json = JSON.stringify(value);
  if (secrets.size === 0) return { value, json };
  const clean = scrubText(json);
  if (clean === json && !escapedInJson) return { value, json };
  const scrubbed = scrubDeep(value);
  return { value: scrubbed, json: scrubbed === value ? clean : scrubText(JSON.stringify(scrubbed)) };
}

/**
 * Scrubs a value just parsed from the JSON `text`. A text without a backslash holds every
 * string as written, so when the text itself holds no piece of a key, neither does the value,
 * and the walk through every string is skipped; escapes (which can spell a key in other
 * characters) get the walk.
 */
export function scrubParsed<T>(text: string, value: T): T {
  if (secrets.size === 0 || (!text.includes("\\") && scrubText(text) === text)) return value;
  return scrubDeep(value);
}

/**
 * Scrubs an error in place (its message, and every string or object field it carries, such
 * as a gateway error's details) and returns it.
 */
export function scrubError<E extends Error>(error: E): E {
  if (secrets.size === 0) return error;
  const fields = error as unknown as Record<string, unknown>;
  for (const name of ["message", "stack", ...Object.keys(error)]) {
    const value = fields[name];
    const clean = walk(value, 0);
    if (clean !== value)
      Object.defineProperty(error, name, { value: clean, writable: true, configurable: true, enumerable: name !== "message" && name !== "stack" });
  }
  return error;
}
