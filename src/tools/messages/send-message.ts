import { z } from "zod";
import { ArgumentError, UnknownOutcomeError } from "../../errors.js";
import { formatMessage } from "../../format/messages.js";
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
  refuseDuplicate,
  requestShape,
  safetyInput,
  segmentShape,
  sender,
  senderShape,
  settledSend,
} from "./sending.js";
import { messageShape } from "./shapes.js";

export const sendMessage: ToolFactory = (s) =>
  tool({
    name: "send_message",
    title: "Send a text message",
    description:
      "Send one SMS from your Quo number. It reaches real people, costs money and cannot be undone: get the person's OK on the exact text and recipients first. dryRun: true checks and prices it, sending nothing. Several numbers in `to` make ONE group thread where all see each other's numbers (needs group: true); to text people separately use send_individual_messages. A repeat within 10 min needs allowDuplicate: true.",
    toolset: "messages",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    input: () =>
      z.object({
        from: s.ownNumber(),
        to: s.phones("recipient's phone number").describe("E.164 or national numbers"),
        content: contentInput,
        group: z.boolean({ error: "must be true or false" }).default(false).describe("Must be true for several numbers"),
        ...safetyInput,
      }),
    output: () => ({
      message: messageShape.optional(),
      dryRun: z.boolean().optional(),
      request: requestShape.optional(),
      from: senderShape.optional(),
      to: z.array(z.string()).optional(),
      segments: segmentShape,
      estimate: estimateShape,
      duplicate: z.string().optional(),
    }),
    async handler(args, ctx) {
      if (args.to.length > 1 && !args.group) {
        throw new ArgumentError(
          "group",
          `${args.to.length} recipients in one send make a single group thread in which each of them sees everyone else's number. If the person wants that, call again with group: true; to text each of them separately, use send_individual_messages instead.`,
        );
      }
      checkAllowlist(ctx, args.to);
      const from = await ctx.directory.resolve(args.from, "from", ctx.signal);
      const body = { from: from.id, to: args.to, content: args.content };
      const { segments, estimate } = price(args.content, args.to);
      // A real send learns of a duplicate from its claim below (one step, one round trip with Redis).
      const duplicate = args.allowDuplicate || !args.dryRun ? undefined : await duplicateReason(ctx, from, args.to, args.content);

      if (args.dryRun) {
        return {
          dryRun: true,
          request: { method: "POST", path: "/v1/messages", body },
          from: sender(from),
          to: args.to,
          segments,
          estimate,
          // A dry run reports the refusal a real send would meet instead of failing itself.
          ...(duplicate ? { duplicate: `A real send would be refused: ${duplicate}` } : {}),
        };
      }

      const guard = guardOf(ctx);
      const key = duplicateKey(from, args.to, args.content);
      // The check and the claim are one step, so a twin call on another replica cannot slip in between.
      const earlier = await guard?.claim(key, args.allowDuplicate);
      if (guard && earlier) refuseDuplicate(describeDuplicate(guard, from, args.to, earlier));
      try {
        const sent = await settledSend(guard, key, () => ctx.quo.messages.send(body, ctx.signal));
        return { message: formatMessage(sent.data), segments, estimate };
      } catch (error) {
        if (error instanceof UnknownOutcomeError) {
          throw new UnknownOutcomeError(
            `The text may or may not have been sent: ${error.message}. Do NOT send it again yet: call list_messages with phoneNumber "${from.number}" and participants ${JSON.stringify(args.to)} to see whether it arrived, and only resend if it is not there.`,
          );
        }
        throw error;
      }
    },
  });
