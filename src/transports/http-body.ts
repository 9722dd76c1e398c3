import type { IncomingMessage } from "node:http";

/** No MCP request of this server comes close: the longest is a text of 1600 characters. */
const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 408 | 413; code: number; message: string } | { ok: false; status: "gone" };

export interface BodyLimits {
  /** Bytes accepted, by Content-Length when declared, by counting otherwise. */
  maxBytes?: number;
  /** How long the whole body may take to arrive, from the moment reading starts. */
  timeoutMs?: number;
}

/** The default wait for a body, the same as the server's --body-timeout default. */
const BODY_TIMEOUT_MS = 30_000;

/**
 * Reads and parses a JSON request body, refusing more than `maxBytes` before buffering them and
 * giving up on a body that has not fully arrived within `timeoutMs`: a client that trickles
 * bytes must not hold a socket and its buffers for ever.
 */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits | number = {}): Promise<BodyResult> {
  const { maxBytes: limit = MAX_BODY_BYTES, timeoutMs = BODY_TIMEOUT_MS } = typeof limits === "number" ? { maxBytes: limits } : limits;
  const tooLarge = { ok: false, status: 413, code: -32000, message: `Request body too large: at most ${limit} bytes are accepted` } as const;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const chunks: Buffer[] = [];
  const outcome = await new Promise<"complete" | "large" | "slow" | "gone">((resolve) => {
    let size = 0;
    const finish = (result: "complete" | "large" | "slow" | "gone") => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onGone);
      // Stop buffering; the caller answers and closes the connection.
      if (result !== "complete") req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else finish("large");
    };
    const onEnd = () => finish("complete");
    const onGone = () => finish("gone");
    const timer = setTimeout(() => finish("slow"), timeoutMs);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onGone);
    req.once("close", onGone);
  });
  if (outcome === "large") return tooLarge;
  if (outcome === "gone") return { ok: false, status: "gone" };
  if (outcome === "slow") {
    chunks.length = 0;
    return { ok: false, status: 408, code: -32000, message: `Request Timeout: the body did not arrive within ${timeoutMs} ms` };
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: -32700, message: "Parse error: the body is not valid JSON" };
  }
}
