import { z } from "zod";
import { formatConversation } from "../../format/conversations.js";
import { conversationActions } from "../../quo/conversations.js";
import { DatedApiUnavailable } from "../../quo/dated.js";
import { type ToolFactory, tool } from "../define.js";

const marks = Object.keys(conversationActions) as (keyof typeof conversationActions)[];
const actions = [...marks, "retry"] as const;

export const updateConversation: ToolFactory = () =>
  tool({
    name: "update_conversation",
    title: "Mark a conversation read, done or open; retry a failed text",
    description:
      'Triage the inbox: action "read" marks a conversation (CN... from list_conversations) as read, "done" moves it out of the open inbox, "open" brings it back; nothing is sent, and repeating changes nothing. "retry" re-sends a failed text (id AC...): it reaches the person, so confirm first.',
    toolset: "conversations",
    defaultEnabled: false,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    input: () =>
      z
        .object({
          id: z
            .string({ error: "must be a conversation id (CN...) or, for retry, a message id (AC...)" })
            .trim()
            .regex(/^(CN|AC)[\w-]{1,64}$/, "must be a conversation id such as CN123abc (or, for retry, a message id such as AC123abc)"),
          action: z.enum(actions, { error: `must be one of ${actions.join(", ")}` }),
        })
        .superRefine((value, ctx) => {
          const wants = value.action === "retry" ? "AC" : "CN";
          if (!value.id.startsWith(wants)) {
            ctx.addIssue({
              code: "custom",
              path: ["id"],
              message:
                value.action === "retry"
                  ? "retry takes the failed message's id (AC...), from list_messages"
                  : `action "${value.action}" takes a conversation id (CN...), from list_conversations`,
            });
          }
        }),
    output: () => ({
      action: z.string(),
      conversation: z.looseObject({ id: z.string() }).optional(),
      retried: z.string().optional(),
      hint: z.string().optional(),
    }),
    async handler(args, ctx) {
      if (args.action === "retry") {
        await ctx.quo.messages.retry(args.id, ctx.signal);
        return { action: "retry", retried: args.id, hint: "Quo queued the text again; list_messages shows its status." };
      }
      const action = args.action;
      try {
        const conversation = (await ctx.quo.conversations.markDated(args.id, action, ctx.signal)).data;
        return { action, conversation: formatConversation(conversation) };
      } catch (error) {
        if (!(error instanceof DatedApiUnavailable)) throw error;
        // The same three actions exist in v1: the tool keeps working, and says what it used.
        const conversation = await ctx.quo.conversations.mark(args.id, action, ctx.signal);
        return { action, conversation: formatConversation(conversation), hint: "Quo's dated API was unavailable, so the v1 endpoint did this." };
      }
    },
  });
