import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";

/**
 * The two ways Quo signs a webhook delivery (see docs: Standard Webhooks for the new system,
 * `openphone-signature` for the legacy one). Both are checked over the raw bytes before
 * anything is parsed, against every configured secret so keys can rotate.
 */

/** How far a delivery's timestamp may be from now, either way. */
const TOLERANCE_MS = 5 * 60_000;

export type Verdict = { ok: true; scheme: "standard" | "legacy"; deliveryId?: string } | { ok: false; reason: string };

type Headers = Record<string, string | string[] | undefined>;

const one = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Checks deliveries against a list of secrets (whsec_... keys and legacy base64 keys alike). */
export class SignatureCheck {
  private readonly standard: Webhook[];
  private readonly legacy: Buffer[];

  constructor(
    secrets: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.standard = [];
    this.legacy = [];
    for (const secret of secrets) {
      try {
        this.standard.push(new Webhook(secret));
      } catch {
        // Not usable as a Standard Webhooks key; it may still be a legacy one.
      }
      const raw = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
      const bytes = Buffer.from(raw, "base64");
      if (bytes.length > 0) this.legacy.push(bytes);
    }
  }

  get size(): number {
    return Math.max(this.standard.length, this.legacy.length);
  }

  verify(raw: Buffer, headers: Headers): Verdict {
    const id = one(headers, "webhook-id");
    const timestamp = one(headers, "webhook-timestamp");
    const signature = one(headers, "webhook-signature");
    if (id || timestamp || signature) {
      if (!id || !timestamp || !signature) return { ok: false, reason: "incomplete Standard Webhooks headers" };
      return this.verifyStandard(raw, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });
    }
    const legacy = one(headers, "openphone-signature");
    if (legacy) return this.verifyLegacy(raw, legacy);
    return { ok: false, reason: "no signature headers" };
  }

  private verifyStandard(raw: Buffer, headers: Record<string, string>): Verdict {
    const seconds = Number(headers["webhook-timestamp"]);
    if (!Number.isInteger(seconds) || Math.abs(this.now() - seconds * 1000) > TOLERANCE_MS)
      return { ok: false, reason: "timestamp missing or more than 5 minutes off" };
    for (const webhook of this.standard) {
      try {
        // Parsing is the receiver's job, after the signature: a signed body that is not JSON is a 400, not a crash.
        webhook.verify(raw, headers, { jsonParse: false });
        return { ok: true, scheme: "standard", deliveryId: headers["webhook-id"] };
      } catch {
        // Not signed with this key (WebhookVerificationError) or not checkable with it: try the next.
      }
    }
    return { ok: false, reason: "signature does not match any configured secret" };
  }

  private verifyLegacy(raw: Buffer, header: string): Verdict {
    // hmac;1;<timestamp in ms>;<base64 signature>
    const parts = header.trim().split(";");
    if (parts.length !== 4 || parts[0] !== "hmac" || parts[1] !== "1") return { ok: false, reason: "malformed openphone-signature" };
    const [, , stamp, given] = parts as [string, string, string, string];
    const ms = Number(stamp);
    if (!/^\d{1,16}$/.test(stamp) || Math.abs(this.now() - ms) > TOLERANCE_MS) return { ok: false, reason: "timestamp missing or more than 5 minutes off" };
    const expected = Buffer.from(given, "base64");
    for (const key of this.legacy) {
      const mac = legacyMac(key, stamp, raw);
      if (mac.length === expected.length && timingSafeEqual(mac, expected)) return { ok: true, scheme: "legacy" };
    }
    return { ok: false, reason: "signature does not match any configured secret" };
  }
}

function legacyMac(key: Buffer, stamp: string, raw: Buffer): Buffer {
  return createHmac("sha256", key).update(`${stamp}.`).update(raw).digest();
}

/** The headers Quo's new system sends with a delivery (used by the sandbox, tests and the bench). */
export function signStandard(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
}

/** The `openphone-signature` header of a legacy delivery, for a base64 key. */
export function signLegacy(keyBase64: string, body: string, atMs: number = Date.now()): string {
  const stamp = String(atMs);
  return `hmac;1;${stamp};${legacyMac(Buffer.from(keyBase64, "base64"), stamp, Buffer.from(body)).toString("base64")}`;
}
