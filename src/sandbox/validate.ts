// Request validation in Quo's manner: every violation is collected and answered at once
// as a 400 whose `errors` items name the JSON path, as Quo's schema validator does.
import { badRequest, type FieldError, fieldError } from "./errors.js";

export const E164 = /^\+[1-9]\d{1,14}$/;
export const idPattern = (prefix: string) => new RegExp(`^${prefix}(.*)$`);
// RFC 3339 date-time, the `format: date-time` of the spec.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function isDateTime(value: unknown): value is string {
  return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function isUri(value: unknown): value is string {
  if (typeof value !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

class Checker {
  readonly errors: FieldError[] = [];

  add(path: string, message: string, type: string, value?: unknown): void {
    this.errors.push(fieldError(path, message, type, value));
  }

  /** Throws the collected 400, if any. */
  done(): void {
    if (this.errors.length > 0) throw badRequest("Invalid request", this.errors);
  }
}

/** Reads query parameters; repeated keys form arrays (no brackets), as Quo expects. */
export class QueryChecker extends Checker {
  constructor(readonly query: URLSearchParams) {
    super();
  }

  string(name: string, opts: { required?: boolean; pattern?: RegExp; minLength?: number; maxLength?: number } = {}): string | undefined {
    const value = this.query.get(name);
    if (value === null) {
      if (opts.required) this.add(`/${name}`, "Required property", "string");
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.add(`/${name}`, `Expected string to match '${opts.pattern.source}'`, "string", value);
      return undefined;
    }
    if (opts.minLength !== undefined && value.length < opts.minLength) {
      this.add(`/${name}`, `Expected string length greater or equal to ${opts.minLength}`, "string", value);
      return undefined;
    }
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      this.add(`/${name}`, `Expected string length less or equal to ${opts.maxLength}`, "string", value);
      return undefined;
    }
    return value;
  }

  int(name: string, opts: { required?: boolean; min: number; max: number }): number | undefined {
    const raw = this.query.get(name);
    if (raw === null) {
      if (opts.required) this.add(`/${name}`, "Required property", "integer");
      return undefined;
    }
    if (!/^-?\d+$/.test(raw.trim())) {
      this.add(`/${name}`, "Expected integer", "integer", raw);
      return undefined;
    }
    const n = Number(raw);
    if (n < opts.min) this.add(`/${name}`, `Expected integer to be greater or equal to ${opts.min}`, "integer", n);
    else if (n > opts.max) this.add(`/${name}`, `Expected integer to be less or equal to ${opts.max}`, "integer", n);
    else return n;
    return undefined;
  }

  dateTime(name: string): Date | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    if (!isDateTime(raw)) {
      this.add(`/${name}`, "Expected string to match 'date-time' format", "string", raw);
      return undefined;
    }
    return new Date(raw);
  }

  bool(name: string): boolean | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    if (raw === "true") return true;
    if (raw === "false") return false;
    this.add(`/${name}`, "Expected boolean", "boolean", raw);
    return undefined;
  }

  array(name: string, opts: { required?: boolean; minItems?: number; maxItems?: number; item: (v: string) => boolean; itemRule: string }): string[] {
    const values = this.query.getAll(name);
    if (values.length === 0) {
      if (opts.required) this.add(`/${name}`, "Required property", "array");
      return [];
    }
    const min = opts.minItems ?? 0;
    if (values.length < min) this.add(`/${name}`, `Expected array length to be greater or equal to ${min}`, "array", values);
    if (opts.maxItems !== undefined && values.length > opts.maxItems) {
      this.add(`/${name}`, `Expected array length to be less or equal to ${opts.maxItems}`, "array", values);
    }
    values.forEach((v, i) => {
      if (!opts.item(v)) this.add(`/${name}/${i}`, opts.itemRule, "string", v);
    });
    return values;
  }
}

export type Json = Record<string, unknown>;

/** The parsed JSON body as an object, or a 400 naming the problem. */
export function bodyObject(body: unknown, required = true): Json {
  if (body === undefined && !required) return {};
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest("Invalid request", [fieldError("/", "Expected object", "object", body)]);
  }
  return body as Json;
}

/** Checks body fields; the helpers return the value when valid and record an error otherwise. */
export class BodyChecker extends Checker {
  constructor(
    readonly body: Json,
    readonly prefix = "",
  ) {
    super();
  }

  has(name: string): boolean {
    return Object.hasOwn(this.body, name) && this.body[name] !== undefined;
  }

  string(
    name: string,
    opts: {
      required?: boolean;
      nullable?: boolean;
      pattern?: RegExp;
      minLength?: number;
      maxLength?: number;
      format?: "uri" | "date-time";
      enum?: readonly string[];
    } = {},
  ): string | null | undefined {
    const path = `${this.prefix}/${name}`;
    if (!this.has(name)) {
      if (opts.required) this.add(path, "Required property", "string");
      return undefined;
    }
    const value = this.body[name];
    if (value === null && opts.nullable) return null;
    if (typeof value !== "string") {
      this.add(path, "Expected string", "string", value);
      return undefined;
    }
    if (opts.minLength !== undefined && value.length < opts.minLength) {
      this.add(path, `Expected string length greater or equal to ${opts.minLength}`, "string", value);
    } else if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      this.add(path, `Expected string length less or equal to ${opts.maxLength}`, "string", value);
    } else if (opts.pattern && !opts.pattern.test(value)) {
      this.add(path, `Expected string to match '${opts.pattern.source}'`, "string", value);
    } else if (opts.format === "uri" && !isUri(value)) {
      this.add(path, "Expected string to match 'uri' format", "string", value);
    } else if (opts.format === "date-time" && !isDateTime(value)) {
      this.add(path, "Expected string to match 'date-time' format", "string", value);
    } else if (opts.enum && !opts.enum.includes(value)) {
      this.add(path, `Expected union value`, "string", value);
    } else {
      return value;
    }
    return undefined;
  }

  stringArray(
    name: string,
    opts: { required?: boolean; minItems?: number; maxItems?: number; item: (v: string) => boolean; itemRule: string },
  ): string[] | undefined {
    const path = `${this.prefix}/${name}`;
    if (!this.has(name)) {
      if (opts.required) this.add(path, "Required property", "array");
      return undefined;
    }
    const value = this.body[name];
    if (!Array.isArray(value)) {
      this.add(path, "Expected array", "array", value);
      return undefined;
    }
    let ok = true;
    if (opts.minItems !== undefined && value.length < opts.minItems) {
      this.add(path, `Expected array length to be greater or equal to ${opts.minItems}`, "array", value);
      ok = false;
    }
    if (opts.maxItems !== undefined && value.length > opts.maxItems) {
      this.add(path, `Expected array length to be less or equal to ${opts.maxItems}`, "array", value);
      ok = false;
    }
    value.forEach((v: unknown, i: number) => {
      if (typeof v !== "string" || !opts.item(v)) {
        this.add(`${path}/${i}`, opts.itemRule, "string", v);
        ok = false;
      }
    });
    return ok ? (value as string[]) : undefined;
  }

  /** Rejects properties outside `allowed`, for the schemas with additionalProperties: false. */
  only(allowed: readonly string[]): void {
    for (const key of Object.keys(this.body)) {
      if (!allowed.includes(key)) this.add(`${this.prefix}/${key}`, "Unexpected property", "never", this.body[key]);
    }
  }
}

export interface Page<T> {
  data: T[];
  totalItems: number;
  nextPageToken: string | null;
}

// Opaque to clients; it only has to survive a round trip through a query string.
function encodePageToken(offset: number): string {
  return Buffer.from(`sbx:${offset}`).toString("base64url");
}

function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  const text = Buffer.from(token, "base64url").toString("utf8");
  const match = /^sbx:(\d+)$/.exec(text);
  if (!match) throw badRequest("Invalid request", [fieldError("/pageToken", "Invalid page token", "string", token)]);
  return Number(match[1]);
}

export function paginate<T>(items: readonly T[], maxResults: number, pageToken: string | undefined): Page<T> {
  const offset = decodePageToken(pageToken);
  const data = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return { data, totalItems: items.length, nextPageToken: next < items.length ? encodePageToken(next) : null };
}

/** Newest first by `createdAt`, ties broken by id so pages are stable. */
export function newestFirst<T extends { createdAt: string | null; id?: string }>(items: T[]): T[] {
  return items.sort((a, b) => {
    const d = Date.parse(b.createdAt ?? "") - Date.parse(a.createdAt ?? "");
    return d !== 0 ? d : String(b.id ?? "").localeCompare(String(a.id ?? ""));
  });
}

export function inRange(iso: string | null, after?: Date, before?: Date): boolean {
  if (after === undefined && before === undefined) return true;
  if (iso === null) return false;
  const t = Date.parse(iso);
  if (after !== undefined && !(t > after.getTime())) return false;
  if (before !== undefined && !(t < before.getTime())) return false;
  return true;
}
