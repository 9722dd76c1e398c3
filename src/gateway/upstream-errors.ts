/**
 * Turns the gateway's non-2xx answers into classified errors: Quo's two error shapes and
 * Maton's own answers, each with what the caller can do about it. Nothing here names a tool;
 * tools/advice.ts adds which tool to call next.
 */

import { GatewayError, NoConnectionError } from "../errors.js";
import { scrubDeep, scrubText } from "../secrets/scrub.js";

interface QuoErrorBody {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  title?: unknown;
  trace?: unknown;
  errors?: unknown;
  error?: unknown;
}

/** Quo's documented codes whose fix lies with the person, not the model. */
const codeAdvice: Record<string, string> = {
  "0206400":
    "The number's A2P 10DLC registration is not approved, so US carriers block its texts. Ask the person to finish A2P registration in Quo (Settings > Trust center).",
  "0201402": "The Quo workspace has no credits or its subscription expired. Ask the person to add credits or renew in Quo billing.",
  "0202403": "The connected Quo user is not a member of that phone number. Ask the person for access, or use another of the workspace's numbers.",
};

const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);

/**
 * Reads either of Quo's error shapes: the spec's `{message, code, status, title, trace, errors}`
 * and the `{error: {message, key, trace}}` seen live. Returns undefined when the body is neither,
 * which is how a Maton answer is told apart from a Quo one.
 */
export function parseQuoError(body: unknown): { message: string; code?: string; trace?: string; errors?: { path: string; message: string }[] } | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as QuoErrorBody;
  if (str(b.code) && /^\d{7}$/.test(b.code as string)) {
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is { path?: unknown; message?: unknown } => !!e && typeof e === "object")
          .map((e) => ({ path: String(e.path ?? ""), message: String(e.message ?? "") }))
      : undefined;
    return {
      message: str(b.message) ?? str(b.title) ?? "Quo refused the request",
      code: b.code as string,
      trace: str(b.trace),
      errors: errors && errors.length > 0 ? errors : undefined,
    };
  }
  if (b.error && typeof b.error === "object") {
    const e = b.error as { message?: unknown; key?: unknown; trace?: unknown };
    if (str(e.trace) || str(e.key)) {
      return { message: str(e.message) ?? str(e.key) ?? "Quo refused the request", code: str(e.key), trace: str(e.trace) };
    }
  }
  return undefined;
}

/** A short, safe rendering of a body we could not classify: scrubbed whole, then cut, so no cut can split a key past the scrubber. */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === "") return "no body";
  const text = scrubText(typeof body === "string" ? body : JSON.stringify(body));
  const plain = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}...` : plain;
}

function makeMessage(status: number, upstream: { message: string; code?: string; trace?: string; errors?: { path: string; message: string }[] }): string {
  const fields = upstream.errors?.map((e) => `${e.path || "request"}: ${e.message}`).join("; ");
  return `Quo answered ${status}: ${upstream.message.replace(/\.+$/, "")}${fields ? ` (${fields})` : ""}`;
}

/** Turns a non-2xx answer of the gateway into a classified error. */
export function errorFromResponse(status: number, answer: unknown, contentType: string | undefined): GatewayError {
  const body = scrubDeep(answer);
  const quo = parseQuoError(body);
  if (quo) {
    const advice = quo.code ? codeAdvice[quo.code] : undefined;
    const details = { status, code: quo.code, trace: quo.trace, errors: quo.errors };
    const message = makeMessage(status, quo);
    if (advice) return new GatewayError(`${message}. ${advice}`, "ask_user", details);
    if (status === 429) return new GatewayError(`${message}. Wait a few seconds and try again.`, "retry_later", details);
    if (status === 404) return new GatewayError(`${message}. Check the id: list the resource first to find a valid one.`, "fix_arguments", details);
    if (status === 400 || status === 422 || status === 409)
      return new GatewayError(`${message}. Fix the named argument and call again.`, "fix_arguments", details);
    if (status === 402) return new GatewayError(`${message}. Ask the person to check the Quo plan and billing.`, "ask_user", details);
    if (status === 401 || status === 403)
      return new GatewayError(`${message}. The connected Quo user lacks access; ask the person to check their Quo permissions.`, "ask_user", details);
    if (status >= 500) return new GatewayError(`${message}. Quo had a problem; try again in a moment.`, "retry_later", details);
    return new GatewayError(message, "report", details);
  }
  const raw = describeBody(body);
  const isJson = contentType?.includes("json") ?? false;
  if (status === 400 && isJson) return new NoConnectionError(raw);
  if (status === 401) {
    return new GatewayError("The Maton API key was refused (401). Ask the person to check MATON_API_KEY (a key from https://maton.ai/settings).", "ask_user", {
      status,
    });
  }
  if (status === 429)
    return new GatewayError("Rate limited by the Maton gateway (429): Quo allows 10 requests per second. Wait a second and try again.", "retry_later", {
      status,
    });
  if (status === 500) {
    return new GatewayError(
      `The Maton gateway answered 500 (${raw}). This often means the Quo authorization expired and a new connection is needed.`,
      "ask_user",
      { status, from: "maton" },
    );
  }
  if (status >= 502) return new GatewayError(`The Maton gateway answered ${status} (${raw}). Try again in a moment.`, "retry_later", { status });
  return new GatewayError(`The Maton gateway answered ${status}: ${raw}`, status >= 500 ? "retry_later" : "report", { status });
}
