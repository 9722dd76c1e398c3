import type { IncomingMessage } from "node:http";

/** No MCP request of this server comes close: the longest is a text of 1600 characters. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: number; message: string };

/**
 * Reads and parses a JSON request body, refusing more than `limit` bytes before buffering
 * them (by Content-Length when declared, by counting otherwise).
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, code: -32000, message: `Request body too large: at most ${limit} bytes are accepted` } as const;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const chunks: Buffer[] = [];
  const complete = await new Promise<boolean>((resolve, reject) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering; the caller answers 413 and closes the connection.
      req.off("data", onData);
      req.pause();
      resolve(false);
    };
    req.on("data", onData);
    req.once("end", () => resolve(true));
    req.once("error", reject);
  });
  if (!complete) return tooLarge;
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: -32700, message: "Parse error: the body is not valid JSON" };
  }
}
