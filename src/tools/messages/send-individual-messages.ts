import { z } from "zod";
import { ArgumentError, GatewayError, GuardRefusal, NoConnectionError, QuoMcpError, UnknownOutcomeError } from "../../errors.js";
import { type ToolFactory, tool } from "../define.js";
import {
  checkAllowlist,
  contentInput,
  describeDuplicate,
  duplicateKey,
  duplicateReason,
  estimateShape,
  guardOf,
  price,
  requestShape,
  safetyInput,
  segmentShape,
  sender,
  senderShape,
  settledSend,
} from "./sending.js";

/** One recipient's outcome: sent | failed | unknown | skipped_duplicate | not_attempted | would_send (dry run). */
const resultShape = z.looseObject({ to: z.string(), status: z.string() });

type RecipientResult = { to: string; status: string; messageId?: string; error?: string; remedy?: string };

/**
 * The same text to several people, each in their own one-to-one thread. A separate tool rather
 * than a mode of send_message, so its description, limits and per-recipient result shape stand
 * on their own and a client can allow one without the other.
 */
export const sendIndividualMessages: ToolFactory = (s) =>
  tool({
    name: "send_individual_messages",
    title: "Send the same text to several people separately",
    description:
      "Send the same SMS to 2-40 people, each in their own thread (nobody sees the others), one after another. Real people, money per recipient, no undo: get the person's approval of the text and the list first; dryRun: true checks and prices it without sending. Each recipient is tried once, nothing is retried; results list each as sent, failed (why), unknown (check list_messages before resending) or skipped_duplicate (same text within 10 min; allowDuplicate: true if confirmed). Resend only to failed ones.",
    toolset: "messages",
    // An explicit bulk mode: served with the messages toolset or by name, not in the everyday set.
    defaultEnabled: false,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    input: () =>
      z.object({
        from: s.ownNumber(),
        to: z
          .array(s.phone("recipient's phone number"), { error: 'must be an array of 2-40 phone numbers such as ["+15555550123", "+15555550124"]' })
          .min(2, "needs at least 2 numbers (for one person, use send_message)")
          .max(40, "allows at most 40 numbers per call; split the list into several calls")
          .describe("2-40 numbers, E.164 (+15555550123) or national"),
        content: contentInput,
        ...safetyInput,
      }),
    output: () => ({
      dryRun: z.boolean().optional(),
      from: senderShape,
      segments: segmentShape,
      estimate: estimateShape,
      request: requestShape.optional(),
      summary: z.record(z.string(), z.number()).optional(),
      results: z.array(resultShape),
      next: z.string().optional(),
    }),
    async handler(args, ctx) {
      const to = [...new Set(args.to)];
      if (to.length < 2)
        throw new ArgumentError("to", "lists the same number more than once; it needs at least 2 different numbers (for one person, use send_message)");
      checkAllowlist(ctx, to);
      const from = await ctx.directory.resolve(args.from, "from", ctx.signal);
      const { segments, estimate } = price(args.content, to);
      const duplicates = new Map<string, string>();
      if (!args.allowDuplicate) {
        for (const recipient of to) {
          const reason = await duplicateReason(ctx, from, [recipient], args.content);
          if (reason) duplicates.set(recipient, reason);
        }
      }

      if (args.dryRun) {
        return {
          dryRun: true,
          from: sender(from),
          segments,
          estimate,
          // One POST per recipient, each with this body and its own `to`.
          request: {
            method: "POST",
            path: "/v1/messages",
            body: { from: from.id, content: args.content },
            note: "sent once per recipient below (status would_send), each with to: [that recipient]",
          },
          results: to.map((recipient) =>
            duplicates.has(recipient)
              ? { to: recipient, status: "skipped_duplicate", error: duplicates.get(recipient) }
              : { to: recipient, status: "would_send" },
          ),
        };
      }
      if (duplicates.size === to.length) {
        throw new GuardRefusal(
          "duplicate_send",
          `This text already went from ${from.number} to every one of these recipients within the duplicate window. If the person really wants it sent again, call again with allowDuplicate: true; otherwise check list_messages.`,
        );
      }

      const guard = guardOf(ctx);
      const results: RecipientResult[] = [];
      let attempted = 0;
      for (const recipient of to) {
        if (duplicates.has(recipient)) {
          results.push({ to: recipient, status: "skipped_duplicate", error: duplicates.get(recipient) });
          continue;
        }
        if (ctx.signal.aborted) {
          results.push({ to: recipient, status: "not_attempted", error: "the call was cancelled before this recipient" });
          continue;
        }
        const key = duplicateKey(from, [recipient], args.content);
        let earlier: Awaited<ReturnType<NonNullable<typeof guard>["claim"]>>;
        try {
          earlier = await guard?.claim(key, args.allowDuplicate);
        } catch (error) {
          // The guard could not answer (shared state down): nothing more goes out, and what
          // already went out is still reported.
          if (attempted === 0 || !(error instanceof GatewayError)) throw error;
          results.push({ to: recipient, status: "not_attempted", error: error.message });
          continue;
        }
        if (guard && earlier) {
          results.push({ to: recipient, status: "skipped_duplicate", error: describeDuplicate(guard, from, [recipient], earlier) });
          continue;
        }
        attempted += 1;
        try {
          // Sequential on purpose: the gateway client paces requests, and one at a time keeps
          // a failure from turning into a burst of identical failures.
          const sent = await settledSend(guard, key, () => ctx.quo.messages.send({ from: from.id, to: [recipient], content: args.content }, ctx.signal));
          results.push({ to: recipient, status: "sent", messageId: sent.data.id });
        } catch (error) {
          if (error instanceof UnknownOutcomeError) {
            results.push({
              to: recipient,
              status: "unknown",
              error: `${error.message}. It may have arrived: check list_messages before resending to this number.`,
            });
            continue;
          }
          if (error instanceof QuoMcpError) {
            // Not connected at all: nothing went out yet, so let the authorization flow handle it.
            if (error instanceof NoConnectionError && attempted === 1) throw error;
            results.push({ to: recipient, status: "failed", error: error.message, remedy: error.remedy });
            continue;
          }
          // A bug must not hide what was already sent, nor invite a resend of this one.
          ctx.logger.error({ err: error }, "individual send failed unexpectedly");
          results.push({
            to: recipient,
            status: "unknown",
            error: "quo-mcp hit an internal error (details in its log); check list_messages before resending to this number.",
          });
        }
      }

      const count = (status: string) => results.filter((r) => r.status === status).length;
      const summary = {
        sent: count("sent"),
        failed: count("failed"),
        unknown: count("unknown"),
        skipped: count("skipped_duplicate"),
        notAttempted: count("not_attempted"),
      };
      const problems = summary.failed + summary.unknown + summary.notAttempted;
      return {
        from: sender(from),
        segments,
        estimate,
        summary,
        results,
        ...(problems > 0
          ? {
              next: "Some recipients did not get the text for certain. Tell the person which ones and why; resend only to failed (or not_attempted) recipients after fixing the cause, and check list_messages for unknown ones first.",
            }
          : {}),
      };
    },
  });
