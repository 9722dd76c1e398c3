import { scrubDeep, scrubText } from "./secrets/scrub.js";

/**
 * Every failure quo-mcp reports, in one vocabulary: what kind of thing went wrong, what the
 * caller should do about it, a message a person can read, and the details a program can use.
 * Tool results render any of these the same way (tools/results.ts); which tool to call next is
 * said on the tools side (tools/advice.ts), never here.
 */

/** What the caller should do next. */
export type Remedy = "fix_arguments" | "ask_user" | "retry_later" | "authorize" | "report";

/** What went wrong, in a word a model or a program can branch on. */
export type ErrorKind =
  | "invalid_arguments"
  | "upstream"
  | "not_connected"
  | "authorization_required"
  | "timeout"
  | "unknown_outcome"
  | "cancelled"
  | "refused_by_guard"
  | "unavailable"
  | "usage";

export interface ErrorDetails {
  /** The upstream HTTP status. */
  status?: number;
  /** Quo's error code, or the guard that refused. */
  code?: string;
  /** Quo's trace id, for its support. */
  trace?: string;
  errors?: { path: string; message: string }[];
  /** Which upstream answered: a Quo error body, or Maton's own. */
  from?: "quo" | "maton";
}

export class QuoMcpError extends Error {
  override name = "QuoMcpError";
  readonly details: ErrorDetails;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly remedy: Remedy,
    details: ErrorDetails = {},
  ) {
    // An upstream may echo a key anywhere in what becomes the message or the details: no piece
    // of it survives into whatever renders, logs or returns this error.
    super(scrubText(message));
    this.details = scrubDeep(details);
  }
}

/** A failure answered by the Maton gateway, its control plane, or Quo behind them. */
export class GatewayError extends QuoMcpError {
  override name = "GatewayError";
  constructor(message: string, remedy: Remedy, details: ErrorDetails = {}) {
    super("upstream", message, remedy, details);
  }
}

/** The gateway answered that this key has no active Quo connection (Maton's 400). */
export class NoConnectionError extends QuoMcpError {
  override name = "NoConnectionError";
  constructor(readonly upstreamMessage: string) {
    super("not_connected", `Quo is not connected to this Maton account yet (${upstreamMessage})`, "authorize", { status: 400, from: "maton" });
  }
}

/** The request may or may not have reached Quo: a write must not be repeated blindly. */
export class UnknownOutcomeError extends QuoMcpError {
  override name = "UnknownOutcomeError";
  constructor(reason: string) {
    super("unknown_outcome", reason, "report");
  }
}

const phaseText = {
  connect: "connection to the gateway",
  headers: "wait for the response headers",
  body: "download of the response body",
  deadline: "whole tool call",
} as const;

/** A timeout, named after the phase that ran out of time. */
export class TimeoutError extends QuoMcpError {
  override name = "TimeoutError";
  constructor(
    readonly phase: keyof typeof phaseText,
    readonly ms: number,
    sent: boolean,
  ) {
    super("timeout", `Quo did not answer in time: the ${phaseText[phase]} took longer than ${ms} ms${sent ? "" : " (nothing was sent)"}`, "retry_later");
  }
}

/** The reason a call's signal carries when the whole tool call ran out of time. */
export class DeadlineExceeded extends TimeoutError {
  override name = "DeadlineExceeded";
  constructor(readonly deadlineMs: number) {
    super("deadline", deadlineMs, true);
  }
}

/** The client cancelled the tool call; nothing it asked for is worth finishing. */
export class CancelledError extends QuoMcpError {
  override name = "CancelledError";
  constructor() {
    super("cancelled", "The call was cancelled before it finished.", "report");
  }
}

/**
 * A send refused by one of the server's own guards before anything went out, with a code the
 * model can tell apart from Quo's.
 */
export class GuardRefusal extends QuoMcpError {
  override name = "GuardRefusal";
  constructor(code: "duplicate_send" | "recipient_not_allowed", message: string, remedy: Remedy = "ask_user") {
    super("refused_by_guard", `${message} Nothing was sent.`, remedy, { code });
  }
}

/** An argument the model can fix: the message says which one and the accepted form. */
export class ArgumentError extends QuoMcpError {
  override name = "ArgumentError";
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super("invalid_arguments", `${argument}: ${message}`, "fix_arguments");
  }
}

/** One thing wrong with a call's arguments, named by the argument it concerns. */
export interface ArgumentProblem {
  argument: string;
  message: string;
  /** The argument the caller probably meant, for a name the tool does not take. */
  suggestion?: string;
}

/**
 * Arguments a tool refused before anything was sent: unknown names (a typo such as `dryrun`
 * must never be dropped and the call carried out without it) and values its schema rejects.
 * The first problem is the one named in `argument`; all of them travel in `problems`.
 */
export class InvalidArgumentsError extends ArgumentError {
  override name = "InvalidArgumentsError";
  constructor(readonly problems: ArgumentProblem[]) {
    const [first] = problems as [ArgumentProblem];
    super(first.argument, [first.message, ...problems.slice(1).map((p) => `${p.argument}: ${p.message}`)].join("; "));
  }

  /** What to do about it, as specific as the problems allow. */
  get next(): string {
    const renames = this.problems.filter((p) => p.suggestion).map((p) => `"${p.suggestion}" instead of "${p.argument}"`);
    return renames.length > 0 ? `Call again with ${renames.join(" and ")}.` : "Fix the arguments named here and call again.";
  }
}

/** What a person must do before Quo can be used: open `url` and approve. */
export interface AuthorizationNeeded {
  status: "authorization_required" | "authorization_failed";
  connectionId: string;
  url?: string;
  message: string;
}

export class AuthorizationRequiredError extends QuoMcpError {
  override name = "AuthorizationRequiredError";
  constructor(readonly needed: AuthorizationNeeded) {
    super("authorization_required", needed.message, "authorize");
  }
}

/** A mistake on the command line: exit code 2, and nothing is sent. */
export class UsageError extends QuoMcpError {
  override name = "UsageError";
  constructor(message: string) {
    super("usage", message, "fix_arguments");
  }
}

/** Whether the gateway or Quo answered 404: the thing asked for does not exist (or not yet). */
export function isNotFound(error: unknown): error is GatewayError {
  return error instanceof GatewayError && error.details.status === 404;
}

/**
 * The answer, or undefined when it is a 404. For what a call may or may not have (a voicemail,
 * a transcript), where "there is none" is an answer rather than a failure.
 */
export async function absentOn404<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A send refused because the replicas' shared duplicate guard (Redis) cannot answer. */
export class SharedGuardUnavailable extends QuoMcpError {
  override name = "SharedGuardUnavailable";
  constructor() {
    super("unavailable", "The shared send guard is unavailable; nothing was sent; try again shortly.", "retry_later", { code: "guard_unavailable" });
  }
}
