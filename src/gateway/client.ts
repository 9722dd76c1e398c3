import { Agent, type Dispatcher, errors as undiciErrors } from "undici";
import { USER_AGENT } from "../version.js";
import { GatewayError, TimeoutError, UnknownOutcomeError, describeBody, errorFromResponse } from "./errors.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface GatewayRequest {
  method: Method;
  /** Path below the service root, e.g. `/v1/messages` or `/connections`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether sending the request twice is harmless. Requests that are not (above all
   * POST /v1/messages) report an unknown outcome instead of failing plainly when the
   * connection dropped after the request may have left.
   */
  idempotent?: boolean;
}

export interface GatewayClientOptions {
  /** Base URL of the service, without a trailing slash, e.g. `https://gateway.maton.ai/quo`. */
  baseUrl: string;
  apiKey: string;
  connectionId?: string;
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

/** Larger answers than this are refused rather than buffered: no Quo page comes close. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** One keep-alive pool for the process: sessions and tenants share sockets, never credentials. */
let sharedAgent: Agent | undefined;
export function sharedDispatcher(timeoutMs: number): Agent {
  sharedAgent ??= new Agent({
    connect: { timeout: Math.min(timeoutMs, 10_000) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
    connections: 16,
  });
  return sharedAgent;
}

export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Quo wants repeated keys without brackets for arrays: participants=a&participants=b.
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * A JSON client for one Maton service (the gateway's Quo prefix, or the control plane),
 * bound to one Maton key. It knows HTTP and Maton, nothing of MCP.
 */
export class GatewayClient {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly headers: Record<string, string>;
  private readonly dispatcher: Dispatcher;

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
  }

  /** Sends one request and returns the parsed JSON body of a 2xx answer (undefined for 204). */
  async request<T>(req: GatewayRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method === "GET";
    const headers = req.body === undefined ? this.headers : { ...this.headers, "content-type": "application/json" };
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: this.origin,
        path: `${this.prefix}${req.path}${encodeQuery(req.query)}`,
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal,
      });
    } catch (error) {
      throw classifyTransportError(error, idempotent, this.options.timeoutMs, "headers");
    }
    const contentType = headerValue(response.headers["content-type"]);
    let text: string;
    try {
      text = await readCapped(response.body);
    } catch (error) {
      throw classifyTransportError(error, idempotent, this.options.timeoutMs, "body");
    }
    const body = parseBody(text, contentType);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (response.statusCode === 204 || text.length === 0) return undefined as T;
      if (body.kind !== "json") {
        const problem = body.kind === "malformed" ? "malformed JSON" : `a ${contentType ?? "non-JSON"} answer`;
        if (!idempotent) throw new UnknownOutcomeError(`Quo accepted the request (${response.statusCode}) but sent ${problem}, so its result is unknown`);
        throw new GatewayError(`The gateway sent ${problem} instead of JSON (${describeBody(text)}). Try again in a moment.`, "retry_later", { status: response.statusCode });
      }
      return body.value as T;
    }
    throw errorFromResponse(response.statusCode, body.kind === "json" ? body.value : text, contentType);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readCapped(body: Dispatcher.ResponseData["body"]): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new GatewayError(`The gateway's answer was larger than ${MAX_BODY_BYTES / 1024 / 1024} MB and was not read`, "report");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type ParsedBody = { kind: "json"; value: unknown } | { kind: "malformed" } | { kind: "other" };

function parseBody(text: string, contentType: string | undefined): ParsedBody {
  if (text.length === 0) return { kind: "other" };
  const looksJson = contentType?.includes("json") ?? /^\s*[[{]/.test(text);
  if (!looksJson) return { kind: "other" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "malformed" };
  }
}

const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Names what went wrong on the wire, and whether the request can have reached Quo: a refused
 * connection never sent a byte, a reset after connecting may have delivered the request.
 */
export function classifyTransportError(error: unknown, idempotent: boolean, timeoutMs: number, phase: "headers" | "body"): Error {
  if (error instanceof GatewayError) return error;
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  if (err?.name === "AbortError" || err?.code === "UND_ERR_ABORTED") return error as Error;
  const code = err?.code ?? err?.cause?.code;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return new TimeoutError("connect", Math.min(timeoutMs, 10_000), false);
  if (code && neverSentCodes.has(code)) {
    return new GatewayError(`Could not reach the Maton gateway (${code}); nothing was sent. Check the network, then try again.`, "retry_later", {});
  }
  if (!idempotent) {
    return new UnknownOutcomeError(`The connection to the gateway failed after the request was sent (${code ?? err?.name ?? "error"}), so it may or may not have been carried out`);
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT") return new TimeoutError("headers", timeoutMs, true);
  if (code === "UND_ERR_BODY_TIMEOUT") return new TimeoutError("body", timeoutMs, true);
  if (error instanceof undiciErrors.UndiciError || code) {
    return new GatewayError(`The connection to the gateway failed during the ${phase === "body" ? "response" : "request"} (${code ?? err?.name}). Try again in a moment.`, "retry_later", {});
  }
  return error instanceof Error ? error : new Error(String(error));
}
