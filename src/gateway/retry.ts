/**
 * When a failed request to the gateway is worth sending again, and how long to wait first.
 * Only requests that are safe to repeat are retried on an answer or a broken connection; a
 * request that provably never left (nothing listening, no route, connect timeout) may be
 * retried whatever it is, because nothing reached Quo.
 */

export interface RetryPolicy {
  /** First backoff ceiling, doubled per attempt. */
  baseMs: number;
  /** Largest backoff ceiling. */
  capMs: number;
  /** Attempts in all, the first included. The call's deadline usually ends retrying first. */
  maxAttempts: number;
  /** Longest Retry-After honoured; a gateway asking for more is reported instead of waited on. */
  maxRetryAfterMs: number;
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 250, capMs: 8_000, maxAttempts: 6, maxRetryAfterMs: 60_000, random: Math.random };

/** Answers that say "not now" rather than "no": rate limited, or the gateway's upstream failed. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Transport failures that happen before a byte of the request is written. */
export const neverSentCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Transport failures of a request that may have been delivered: worth retrying only when it is safe to repeat. */
export const connectionErrorCodes: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/**
 * Reads a Retry-After header: delta seconds ("3") or an HTTP date. Returns milliseconds to
 * wait (0 for a date in the past), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // Only an HTTP date (all three of its forms open with the weekday), not any string Date.parse accepts.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Full jitter: a uniform wait between 0 and the doubling ceiling (attempt counts from 1). */
export function backoffMs(attempt: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

export interface RetryDecision {
  retry: boolean;
  /** How long to wait before the next attempt. */
  delayMs: number;
  /** Why retrying stopped, appended to the final error. */
  reason?: string;
}

/**
 * Decides about the next attempt after attempt number `attempt` failed in a retryable way:
 * honours Retry-After, else backs off with full jitter, and never plans a wait that would end
 * after the call's deadline.
 */
export function planRetry(
  attempt: number,
  retryAfterMs: number | undefined,
  deadline: number,
  now: number,
  policy: RetryPolicy = defaultRetryPolicy,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, reason: `gave up after ${attempt} attempts` };
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
    return { retry: false, delayMs: 0, reason: `the gateway asked to wait ${Math.ceil(retryAfterMs / 1000)} s` };
  }
  const delayMs = retryAfterMs ?? backoffMs(attempt, policy);
  // Leave room for the next attempt itself: a retry that starts at the deadline is wasted.
  if (now + delayMs >= deadline - 50)
    return { retry: false, delayMs: 0, reason: `${attempt} attempt${attempt === 1 ? "" : "s"}, no time left before the deadline` };
  return { retry: true, delayMs };
}
