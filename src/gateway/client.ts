import type { Dispatcher } from "undici";
// Only the connection pool, request() and the error class: importing "undici" itself loads
// fetch, WebSocket, caches and mocks too, about 8 MB of memory this server never uses (the
// version is pinned, so these paths are stable).
import request from "undici/lib/api/api-request.js";
import { UndiciError } from "undici/lib/core/errors.js";
import Agent from "undici/lib/dispatcher/agent.js";
import { CancelledError, DeadlineExceeded, GatewayError, QuoMcpError, TimeoutError, UnknownOutcomeError } from "../errors.js";
import type { Logger } from "../logger.js";
import { scrubError, scrubParsed } from "../secrets/scrub.js";
import { USER_AGENT } from "../version.js";
import { deadlineOf, sleep } from "./deadline.js";
import type { Limiter } from "./limiter.js";
import { connectionErrorCodes, defaultRetryPolicy, neverSentCodes, parseRetryAfter, planRetry, type RetryPolicy, retryableStatuses } from "./retry.js";
import { describeBody, errorFromResponse, parseQuoError } from "./upstream-errors.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface GatewayRequest {
  method: Method;
  /** Path below the service root, e.g. `/v1/messages` or `/connections`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The tool call's signal: cancellation and the call's deadline (see deadline.ts). */
  signal?: AbortSignal;
  /**
   * Whether sending the request twice is harmless (default: only GET). Only such requests are
   * retried after an answer or a broken connection; the others (above all POST /v1/messages)
   * are retried only when they provably never left, and report an unknown outcome when the
   * connection dropped after they may have.
   */
  idempotent?: boolean;
  /** Extra request headers, e.g. Quo-Api-Version for the dated API (Maton forwards them). */
  headers?: Record<string, string>;
}

export interface GatewayClientOptions {
  /** Base URL of the service, without a trailing slash, e.g. `https://gateway.maton.ai/quo`. */
  baseUrl: string;
  apiKey: string;
  connectionId?: string;
  /** Per request: connect (at most 10 s), wait for headers, and silence while reading the body. */
  timeoutMs: number;
  /** Budget for requests whose signal carries no tool-call deadline. */
  deadlineMs?: number;
  /** The key's shared pace; every attempt, retries included, waits its turn here. */
  limiter?: Limiter;
  retry?: RetryPolicy;
  logger?: Logger;
  dispatcher?: Dispatcher;
}

/** Larger answers than this are refused rather than buffered: no Quo page comes close. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_DEADLINE_MS = 120_000;

/**
 * Sockets to the gateway at most. An HTTP server answers many users at once, each call waiting
 * on its own request: with 16 sockets, 50 sessions' calls queued behind each other for a socket
 * (up to a tenth fewer calls per second, figure 5), and with real gateway latency that cap
 * would bound the whole server. Sockets open only as calls need them: one stdio user never
 * gets near.
 */
const MAX_SOCKETS = 256;

/** One keep-alive pool for the process: sessions and tenants share sockets, never credentials. */
let sharedAgent: InstanceType<typeof Agent> | undefined;
function sharedDispatcher(timeoutMs: number): InstanceType<typeof Agent> {
  sharedAgent ??= new Agent({
    connect: { timeout: connectTimeout(timeoutMs) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
    connections: MAX_SOCKETS,
  });
  return sharedAgent;
}

const connectTimeout = (timeoutMs: number) => Math.min(timeoutMs, 10_000);

function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  // Most reads pass only absent filters ({userId: undefined}): no URLSearchParams for those.
  let any = false;
  for (const key in query) if (query[key] !== undefined) any = true;
  if (!any) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Quo wants repeated keys without brackets for arrays: participants=a&participants=b.
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  // URLSearchParams writes a space as "+", which some servers read as a literal plus (the sign
  // of every E.164 number); %20 means a space to all of them. A real "+" is already %2B.
  const text = params.toString().replace(/\+/g, "%20");
  return text ? `?${text}` : "";
}

/** What one attempt came to. */
type Attempt<T> =
  | { kind: "ok"; value: T }
  | { kind: "failed"; error: Error; retryable: boolean; retryAfterMs?: number }
  /** The call's signal fired: `sent` tells whether the request may have left. */
  | { kind: "aborted"; reason: unknown; sent: boolean };

/**
 * A JSON client for one Maton service (the gateway's Quo prefix, or the control plane),
 * bound to one Maton key. It knows HTTP and Maton, nothing of MCP: it paces requests through
 * the key's limiter, retries what is safe to retry within the call's deadline, and names
 * every failure so a tool can tell the model what to do.
 */
export class GatewayClient {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly headers: Record<string, string>;
  private readonly dispatcher: Dispatcher;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: GatewayClientOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, "");
    this.headers = {
      authorization: `Bearer ${options.apiKey}`,
      "user-agent": USER_AGENT,
      accept: "application/json",
      ...(options.connectionId ? { "maton-connection": options.connectionId } : {}),
    };
    this.dispatcher = options.dispatcher ?? sharedDispatcher(options.timeoutMs);
    this.policy = options.retry ?? defaultRetryPolicy;
  }

  /** Sends one request (retrying when safe) and returns the parsed JSON body of a 2xx answer (undefined for 204). */
  async request<T>(req: GatewayRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method === "GET";
    const deadline = deadlineOf(req.signal) ?? Date.now() + (this.options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    let last: Error | undefined;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(req, idempotent);
      if (outcome.kind === "ok") return outcome.value;
      if (outcome.kind === "aborted") throw this.secretFree(abortError(outcome.reason, outcome.sent, idempotent, last));
      last = outcome.error;
      if (!outcome.retryable) throw this.secretFree(outcome.error);
      const plan = planRetry(attempt, outcome.retryAfterMs, deadline, Date.now(), this.policy);
      if (!plan.retry) {
        if (attempt > 1 || plan.reason?.includes("asked")) outcome.error.message += ` (${plan.reason})`;
        throw this.secretFree(outcome.error);
      }
      this.options.logger?.debug(
        { method: req.method, path: req.path, attempt, delayMs: plan.delayMs, error: outcome.error.message },
        "retrying gateway request",
      );
      try {
        await sleep(plan.delayMs, req.signal);
      } catch (reason) {
        throw this.secretFree(abortError(reason, false, idempotent, last));
      }
    }
  }

  private async attempt<T>(req: GatewayRequest, idempotent: boolean): Promise<Attempt<T>> {
    const signal = req.signal;
    try {
      await this.options.limiter?.acquire(signal);
    } catch (reason) {
      return { kind: "aborted", reason, sent: false };
    }
    if (signal?.aborted) return { kind: "aborted", reason: signal.reason, sent: false };
    const base = req.headers ? { ...req.headers, ...this.headers } : this.headers;
    const headers = req.body === undefined ? base : { ...base, "content-type": "application/json" };
    let response: Dispatcher.ResponseData;
    try {
      response = await request.call(this.dispatcher, {
        origin: this.origin,
        path: `${this.prefix}${req.path}${encodeQuery(req.query)}`,
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) return { kind: "aborted", reason: signal.reason, sent: true };
      return this.transportFailure(error, idempotent, "headers");
    }
    const status = response.statusCode;
    const contentType = headerValue(response.headers["content-type"]);
    const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
    if (status === 429) this.options.limiter?.penalize(retryAfterMs);
    let text: string;
    try {
      const declared = Number(headerValue(response.headers["content-length"]));
      if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
      // A declared length is held to by the HTTP parser, so that body is read whole without
      // counting (no iterator, no copy); only an undeclared one is counted as it arrives.
      text = declared >= 0 ? await response.body.text() : await readCapped(response.body);
    } catch (error) {
      response.body.destroy();
      if (signal?.aborted) return { kind: "aborted", reason: signal.reason, sent: true };
      if (error instanceof BodyTooLarge) return { kind: "failed", error: tooLarge(status, idempotent), retryable: false };
      return this.transportFailure(error, idempotent, "body");
    }
    const body = parseBody(text, contentType);
    if (status >= 200 && status < 300) {
      if (status === 204 || text.length === 0) return { kind: "ok", value: undefined as T };
      // A body that echoes a key (in a number's name, a connection URL) hands no piece of it to
      // anything downstream: results, elicitations, logs, the command line.
      if (body.kind === "json") return { kind: "ok", value: scrubParsed(text, body.value) as T };
      const problem = body.kind === "malformed" ? "malformed JSON" : `a ${contentType ?? "non-JSON"} answer`;
      if (!idempotent)
        return {
          kind: "failed",
          error: new UnknownOutcomeError(`Quo accepted the request (${status}) but sent ${problem}, so its result is unknown`),
          retryable: false,
        };
      return {
        kind: "failed",
        error: new GatewayError(`The gateway sent ${problem} instead of JSON (${describeBody(text)}). Try again in a moment.`, "retry_later", { status }),
        retryable: false,
      };
    }
    const value = body.kind === "json" ? body.value : text;
    if (!idempotent && status >= 502 && status <= 504 && !parseQuoError(value)) {
      // A proxy's failure says nothing of whether Quo got the request before it broke.
      return {
        kind: "failed",
        error: new UnknownOutcomeError(
          `The Maton gateway answered ${status} (${describeBody(value)}) after the request may have reached Quo, so it may or may not have been carried out`,
        ),
        retryable: false,
      };
    }
    return { kind: "failed", error: errorFromResponse(status, value, contentType), retryable: idempotent && retryableStatuses.has(status), retryAfterMs };
  }

  private transportFailure(error: unknown, idempotent: boolean, phase: "headers" | "body"): Attempt<never> {
    const code = errorCode(error);
    const neverSent = phase === "headers" && code !== undefined && neverSentCodes.has(code);
    const broken = (code !== undefined && connectionErrorCodes.has(code)) || error instanceof UndiciError;
    return { kind: "failed", error: classifyTransportError(error, idempotent, this.options.timeoutMs, phase), retryable: neverSent || (idempotent && broken) };
  }

  /** An upstream that echoes the key (in an error page, say) must not get any piece of it into a result or a log. */
  private secretFree(error: Error): Error {
    return scrubError(error);
  }
}

class BodyTooLarge extends Error {}

function tooLarge(status: number, idempotent: boolean): GatewayError {
  const limit = `${MAX_BODY_BYTES / 1024 / 1024} MB`;
  if (!idempotent && status >= 200 && status < 300)
    return new UnknownOutcomeError(`Quo accepted the request (${status}) but its answer was larger than ${limit} and was not read, so its result is unknown`);
  return new GatewayError(
    `The gateway's answer (${status}) was larger than ${limit} and was not read. Narrow the request (fewer results per page) or tell the person.`,
    "report",
    { status },
  );
}

/**
 * Turns the call's abort into an error that says what happened: the whole call ran out of time,
 * or the client cancelled it. A request that may have left by then has an unknown outcome unless
 * repeating it is harmless.
 */
function abortError(reason: unknown, sent: boolean, idempotent: boolean, last: Error | undefined): Error {
  if (reason instanceof DeadlineExceeded) {
    if (sent && !idempotent) {
      return new UnknownOutcomeError(
        `The whole tool call took longer than ${reason.deadlineMs} ms while the request was on its way to Quo, so it may or may not have been carried out`,
      );
    }
    const error = new TimeoutError("deadline", reason.deadlineMs, sent);
    if (last) error.message += `; the last attempt failed: ${last.message}`;
    return error;
  }
  if (sent && !idempotent)
    return new UnknownOutcomeError("The call was cancelled while the request was on its way to Quo, so it may or may not have been carried out");
  return new CancelledError();
}

function errorCode(error: unknown): string | undefined {
  const err = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readCapped(body: Dispatcher.ResponseData["body"]): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
}

type ParsedBody = { kind: "json"; value: unknown } | { kind: "malformed" } | { kind: "other" };

/**
 * JSON when labelled so; also JSON under a wrong label (text/plain, none) when the text is
 * plainly JSON, because a mislabelled answer to a send still says what happened.
 */
function parseBody(text: string, contentType: string | undefined): ParsedBody {
  if (text.length === 0) return { kind: "other" };
  const labelled = contentType?.includes("json") ?? false;
  if (!labelled && !/^\s*[[{]/.test(text)) return { kind: "other" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return labelled ? { kind: "malformed" } : { kind: "other" };
  }
}

/**
 * Names what went wrong on the wire, and whether the request can have reached Quo: a refused
 * connection never sent a byte, a reset after connecting may have delivered the request.
 */
function classifyTransportError(error: unknown, idempotent: boolean, timeoutMs: number, phase: "headers" | "body"): Error {
  if (error instanceof QuoMcpError) return error;
  const err = error as { name?: string };
  const code = errorCode(error);
  if (code === "UND_ERR_CONNECT_TIMEOUT") return new TimeoutError("connect", connectTimeout(timeoutMs), false);
  if (code && neverSentCodes.has(code)) {
    return new GatewayError(`Could not reach the Maton gateway (${code}); nothing was sent. Check the network, then try again.`, "retry_later", {});
  }
  if (!idempotent) {
    return new UnknownOutcomeError(
      `The connection to the gateway failed after the request was sent (${code ?? err?.name ?? "error"}), so it may or may not have been carried out`,
    );
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT") return new TimeoutError("headers", timeoutMs, true);
  if (code === "UND_ERR_BODY_TIMEOUT") return new TimeoutError("body", timeoutMs, true);
  if (error instanceof UndiciError || code) {
    return new GatewayError(
      `The connection to the gateway failed during the ${phase === "body" ? "response" : "request"} (${code ?? err?.name}). Try again in a moment.`,
      "retry_later",
      {},
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
