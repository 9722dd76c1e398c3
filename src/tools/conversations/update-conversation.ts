import { z } from "zod";
import { formatConversation } from "../../format/conversations.js";
import { conversationActions } from "../../quo/conversations.js";
import { type ToolFactory, tool } from "../define.js";

const actions = Object.keys(conversationActions) as (keyof typeof conversationActions)[];

export const updateConversation: ToolFactory = (s) =>
  tool({
    name: "update_conversation",
    title: "Mark a conversation read, done or open",
    description:
      'Triage the inbox: action "read" marks a conversation (CN... from list_conversations) as read, "done" moves it out of the open inbox, "open" brings it back. Nothing is sent to anyone; repeating an action changes nothing.',
    toolset: "conversations",
    defaultEnabled: false,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    input: z.object({
      id: s.id("CN", "conversation"),
      action: z.enum(actions, { error: `must be one of ${actions.join(", ")}` }),
    }),
    output: { action: z.string(), conversation: z.looseObject({ id: z.string() }) },
    async handler(args, ctx) {
      const conversation = await ctx.quo.conversations.mark(args.id, args.action, ctx.signal);
      return { action: args.action, conversation: formatConversation(conversation) };
    },
  });
