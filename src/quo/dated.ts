import { GatewayError } from "../errors.js";

/**
 * Quo's dated API: the same gateway and key, paths without /v1, and a Quo-Api-Version header
 * on every request (Quo answers 400 without it). Sending stays on v1. The dated operations are
 * methods of the resource they act on; this module holds what they share.
 */
const QUO_API_VERSION = "2026-03-30";
export const datedHeaders = { "quo-api-version": QUO_API_VERSION };

/** The gateway (or Quo) does not serve the dated API for this account: say so, plainly. */
export class DatedApiUnavailable extends GatewayError {
  override name = "DatedApiUnavailable";
  constructor(what: string, cause: GatewayError) {
    super(
      `${what} needs Quo's dated API (Quo-Api-Version ${QUO_API_VERSION}), which the gateway did not accept here (${cause.details.status ?? "error"}: ${cause.message}). Everything else keeps working; tell the person this action is unavailable for now.`,
      "ask_user",
      { ...cause.details },
    );
  }
}

/** Whether a failure means "this API is not served", rather than "this id is wrong". */
function isUnavailable(error: unknown): error is GatewayError {
  if (!(error instanceof GatewayError)) return false;
  const status = error.details.status;
  if (status === 400 && /api[- ]version/i.test(error.message)) return true;
  if (status === 404 || status === 405 || status === 501)
    return !/(conversation|message|webhook)s? (was )?not found|no such (conversation|message|webhook)/i.test(error.message);
  return false;
}

/** Runs one dated request, naming what needed the dated API when it is not served. */
export async function dated<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error)) throw new DatedApiUnavailable(what, error);
    throw error;
  }
}

export interface DatedWebhook {
  id: string;
  url: string;
  events: string[];
  resourceIds: string[];
  status: string;
  label: string | null;
  key?: string;
  createdAt?: string;
}

export type DeliveryStatus = "success" | "pending" | "sending" | "failed";

/** One event Quo delivered (or is still trying to deliver) to a dated webhook. */
export interface WebhookDelivery {
  id: string;
  eventType: string;
  status: DeliveryStatus;
  nextAttemptAt: string | null;
  createdAt: string;
}

/** The events `quo-mcp webhooks register` subscribes to: replies, and calls with their artifacts. */
export const INBOUND_EVENTS = [
  "message.received",
  "call.completed",
  "call.missed",
  "call.recording.completed",
  "call.summary.completed",
  "call.transcript.completed",
  "call.voicemail.completed",
] as const;
