import { z } from "zod";
import { UnknownOutcomeError } from "../../gateway/errors.js";
import { formatMessage } from "../../format/messages.js";
import { messageShape } from "./shapes.js";
import { type ToolFactory, tool } from "../define.js";


export const sendMessage: ToolFactory = (s) =>
  tool({
  name: "send_message",
  title: "Send a text message",
  description:
    "Send an SMS from one of your Quo numbers. It reaches a real person, costs money and cannot be undone: show the person the exact text and recipient and get their approval first. Never resend after an error without checking list_messages. `to` with several numbers makes ONE group thread in which everyone sees everyone's number.",
  toolset: "messages",
  writes: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.object({
    from: s.ownNumber().describe('Your Quo number: PN id, E.164, or name such as "Main line"'),
    to: s
        .phones("recipient's phone number")
      .describe("Recipient as E.164 (+15555550123) or a national number; an array of up to 10 makes a group thread"),
    content: z
      .string({ error: "must be the text to send" })
      .min(1, "must not be empty")
      .max(1600, "is longer than Quo's 1600-character limit; shorten it or split it into several texts")
      .refine((value) => /\S/.test(value), "must not be blank")
      .describe("The text, 1-1600 characters"),
  }),
  output: { message: messageShape },
  async handler(args, ctx) {
    const from = await ctx.directory.resolve(args.from, "from", ctx.signal);
    try {
      const sent = await ctx.api.sendMessage({ from: from.id, to: args.to, content: args.content }, ctx.signal);
      return { message: formatMessage(sent.data) };
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
