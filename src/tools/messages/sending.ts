import { z } from "zod";
import { GuardRefusal, QuoMcpError, UnknownOutcomeError } from "../../errors.js";
import { RecipientAllowlist } from "../../guards/allowlist.js";
import { ago, DuplicateGuard, type DuplicateMatch, type SendGuard, windowText } from "../../guards/duplicate-guard.js";
import { type CostEstimate, countSegments, estimateCost, type SegmentCount } from "../../guards/segments.js";
import type { QuoPhoneNumber } from "../../quo/types.js";
import type { ToolContext } from "../define.js";

/** What both sending tools accept besides sender, recipients and text. */
export const safetyInput = {
  dryRun: z.boolean({ error: "must be true or false" }).default(false).describe("Check and price only; send nothing"),
  allowDuplicate: z.boolean({ error: "must be true or false" }).default(false).describe("Only after the person confirmed a repeat"),
};

export const contentInput = z
  .string({ error: "must be the text to send" })
  .min(1, "must not be empty")
  .max(1600, "is longer than Quo's 1600-character limit; shorten it or split it into several texts")
  .refine((value) => /\S/.test(value), "must not be blank")
  // A lone UTF-16 surrogate is half of a character: no phone can show it, and Quo would store garbage.
  .refine(
    (value) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value),
    "contains a broken character (half of an emoji or symbol); remove or retype it",
  );

// Output shapes name only their key fields: every tool schema sits in the model's context on
// every turn, and these are self-describing in the results themselves.
export const segmentShape = z.looseObject({ encoding: z.string(), segments: z.number() });

export const estimateShape = z.looseObject({ usd: z.number() });

/** The request a dry run shows: what would be POSTed, byte for byte the same body. */
export const requestShape = z.looseObject({ method: z.string(), path: z.string() });

export const senderShape = z.looseObject({ id: z.string(), number: z.string() });

export function sender(pn: QuoPhoneNumber) {
  return { id: pn.id, number: pn.number, ...(pn.name ? { name: pn.name } : {}) };
}

/** Refuses, before anything goes out, recipients outside QUO_MCP_ALLOWED_RECIPIENTS. */
export function checkAllowlist(ctx: ToolContext, recipients: readonly string[]): void {
  const allowlist = new RecipientAllowlist(ctx.config.allowedRecipients);
  const refused = allowlist.refused(recipients);
  if (refused.length === 0) return;
  throw new GuardRefusal(
    "recipient_not_allowed",
    `This server only texts numbers allowed by QUO_MCP_ALLOWED_RECIPIENTS (${allowlist.describe()}); ${refused.join(", ")} ${refused.length === 1 ? "is" : "are"} not. Tell the person; whoever runs the server can widen the list.`,
  );
}

export interface Pricing {
  segments: SegmentCount;
  estimate: CostEstimate;
}

/** Segments of one text and its estimated cost for these recipients. */
export function price(content: string, recipients: readonly string[]): Pricing {
  const segments = countSegments(content);
  return { segments, estimate: estimateCost(segments.segments, recipients) };
}

/** The guard, or undefined when the window is 0 (off). */
export function guardOf(ctx: ToolContext): SendGuard | undefined {
  return ctx.duplicates?.enabled ? ctx.duplicates : undefined;
}

export function duplicateKey(from: QuoPhoneNumber, to: readonly string[], content: string): string {
  return DuplicateGuard.key(from.id, to, content);
}

/** Why a send is a duplicate, in words a person can act on; undefined when it is not. */
export async function duplicateReason(ctx: ToolContext, from: QuoPhoneNumber, to: readonly string[], content: string): Promise<string | undefined> {
  const guard = guardOf(ctx);
  const match = await guard?.find(duplicateKey(from, to, content));
  return guard && match ? describeDuplicate(guard, from, to, match) : undefined;
}

/** An earlier send with the same key, in words a person can act on. */
export function describeDuplicate(guard: SendGuard, from: QuoPhoneNumber, to: readonly string[], match: DuplicateMatch): string {
  const what = match.state === "sent" ? "was sent" : match.state === "pending" ? "is being sent right now" : "may have been sent (its outcome was unknown)";
  return `The same text from ${from.number} to ${to.join(", ")} ${what} ${ago(match.agoMs)} (at ${match.at.toISOString()}); the same text to the same people within ${windowText(guard.window)} is refused, because agent loops that resend are how texting tools spam people.`;
}

/**
 * Makes one send whose key the duplicate guard has claimed, and settles the claim by what
 * happened: sent; failed for certain (the claim is let go, so the text can be sent again); or
 * anything else, an unknown outcome or a bug, which keeps the text blocked, because it may have
 * reached the person.
 */
export async function settledSend<T>(guard: SendGuard | undefined, key: string, send: () => Promise<T>): Promise<T> {
  try {
    const sent = await send();
    await guard?.settle(key, "sent");
    return sent;
  } catch (error) {
    const certainlyFailed = error instanceof QuoMcpError && !(error instanceof UnknownOutcomeError);
    await guard?.settle(key, certainlyFailed ? "failed" : "unknown");
    throw error;
  }
}

export function refuseDuplicate(reason: string): never {
  throw new GuardRefusal(
    "duplicate_send",
    `${reason} If the person really wants it sent again, call again with allowDuplicate: true; otherwise check list_messages to see what arrived.`,
  );
}
