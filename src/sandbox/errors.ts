// Error bodies. Quo's come from its spec: every documented error has
// {message, code, status, docs, title, trace?, errors?} and the specific ones (A2P, no
// credits, not a user of the number, too many participants...) add a `description`.
// The 7-digit code is <2-digit resource><2-digit kind><3-digit status>: kind 00 is the
// generic error of that status, 01+ a specific one. Maton's own errors are undocumented,
// so they are kept to a small `{"error": "..."}` with no `code`, which lets clients tell
// "the gateway said no" from "Quo said no".
import { randomBytes } from "node:crypto";

const QUO_DOCS = "https://quo.com/docs";

export interface FieldError {
  path: string;
  message: string;
  value?: unknown;
  schema: { type: string };
}

export interface QuoErrorInit {
  message: string;
  title?: string;
  /** Full 7-digit code; when absent the router derives `<resource>00<status>`. */
  code?: string;
  description?: string;
  errors?: FieldError[];
}

const GENERIC_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  500: "Unknown",
};

/** Thrown by route handlers; the router turns it into the spec's error body. */
export class QuoError extends Error {
  constructor(
    readonly status: number,
    readonly init: QuoErrorInit,
  ) {
    super(init.message);
  }
}

/** The other error shape Quo has been seen to send live (not in the spec). */
export class QuoLiveError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

function newTrace(): string {
  return randomBytes(8).toString("hex");
}

export function quoErrorBody(status: number, init: QuoErrorInit, resource: string): Record<string, unknown> {
  // Quo's 500s use kind 01 ("0201500"), every other generic error kind 00.
  const code = init.code ?? `${resource}${status === 500 ? "01" : "00"}${status}`;
  const body: Record<string, unknown> = {
    message: init.message,
    code,
    status,
    docs: QUO_DOCS,
    title: init.title ?? GENERIC_TITLES[status] ?? "Error",
    trace: newTrace(),
  };
  if (init.description !== undefined) body.description = init.description;
  if (init.errors !== undefined) body.errors = init.errors;
  return body;
}

export function liveErrorBody(err: QuoLiveError): Record<string, unknown> {
  return { error: { message: err.message, key: err.key, trace: newTrace() } };
}

export const badRequest = (message: string, errors?: FieldError[]) => new QuoError(400, errors ? { message, errors } : { message });

export const notFound = (what: string) => new QuoError(404, { message: `${what} not found` });

/** One schema violation, in the TypeBox-style item Quo puts in `errors`. */
export function fieldError(path: string, message: string, type: string, value?: unknown): FieldError {
  const e: FieldError = { path, message, schema: { type } };
  if (value !== undefined) e.value = value;
  return e;
}

export const invalid = (path: string, message: string, type: string, value?: unknown) =>
  badRequest("Invalid request", [fieldError(path, message, type, value)]);

export const notPhoneNumberUser = (code: string) =>
  new QuoError(403, {
    code,
    title: "Not Phone Number User",
    description: "Not Phone Number User",
    message: "The user is not a member of this phone number",
  });

// Maton's own answers.
export const MATON = {
  unauthorized: { status: 401, body: { error: "Invalid or missing API key" } },
  noUserAgent: { status: 403, body: { error: "User-Agent header is required" } },
  noConnection: { status: 400, body: { error: "No active connection found for app quo" } },
  connectionNotFound: { status: 404, body: { error: "Connection not found" } },
  notFound: { status: 404, body: { error: "Not found" } },
  tooLarge: { status: 413, body: { error: "Request body too large" } },
  badJson: { status: 400, body: { error: "Request body is not valid JSON" } },
} as const;
