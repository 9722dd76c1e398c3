import { z } from "zod";
import { UnknownOutcomeError } from "../../gateway/errors.js";
import { formatMessage } from "../../format/messages.js";
import { ArgumentError } from "../../quo/directory.js";
import { type ToolFactory, tool } from "../define.js";
import {
  checkAllowlist,
  contentInput,
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
} from "./sending.js";
import { messageShape } from "./shapes.js";

export const sendMessage: ToolFactory = (s) =>
  tool({
    name: "send_message",
    title: "Send a text message",
    description:
      "Send one SMS from one of your Quo numbers, to one person or (with group: true) to one group thread. It reaches real people, costs money and cannot be undone: show the person the exact text and recipients and get their approval first; use dryRun: true to check it, count segments and estimate the cost without sending. " +
      "Several numbers in `to` make ONE group thread in which everyone sees everyone's number, so that needs group: true; to text several people separately, use send_individual_messages. " +
      "The same text to the same recipients within the duplicate window (default 10 min) is refused unless the person confirms and you pass allowDuplicate: true. Never resend after an error without checking list_messages.",
    toolset: "messages",
    writes: true,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    input: z.object({
      from: s.ownNumber().describe('Your Quo number: PN id, E.164, or name such as "Main line"'),
      to: s
        .phones("recipient's phone number")
        .describe("Recipient as E.164 (+15555550123) or a national number; an array of up to 10 with group: true makes one group thread"),
      content: contentInput,
      group: z
        .boolean({ error: "must be true or false" })
        .default(false)
        .describe("Must be true to send to several numbers: they all join one group thread and see each other's numbers"),
      ...safetyInput,
    }),
    output: {
      message: messageShape.optional(),
      dryRun: z.boolean().optional(),
      request: requestShape.optional(),
      from: senderShape.optional(),
      to: z.array(z.string()).optional(),
      segments: segmentShape,
      estimate: estimateShape,
      duplicate: z.string().optional(),
    },
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
      const duplicate = args.allowDuplicate ? undefined : duplicateReason(ctx, from, args.to, args.content);

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
      if (duplicate) refuseDuplicate(duplicate);

      const guard = guardOf(ctx);
      const key = duplicateKey(from, args.to, args.content);
      guard?.claim(key);
      try {
        const sent = await ctx.api.sendMessage(body, ctx.signal);
        guard?.settle(key, "sent");
        return { message: formatMessage(sent.data), segments, estimate };
      } catch (error) {
        if (error instanceof UnknownOutcomeError) {
          guard?.settle(key, "unknown");
          throw new UnknownOutcomeError(
            `The text may or may not have been sent: ${error.message}. Do NOT send it again yet: call list_messages with phoneNumber "${from.number}" and participants ${JSON.stringify(args.to)} to see whether it arrived, and only resend if it is not there.`,
          );
        }
        guard?.settle(key, "failed");
        throw error;
      }
    },
  });
