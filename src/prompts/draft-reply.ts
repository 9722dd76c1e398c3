import { z } from "zod";
import { DATA_NOT_INSTRUCTIONS, numberArg, type PromptDefinition, participantArg, quote } from "./prompt.js";

export const draftReply: PromptDefinition = {
  name: "draft_reply",
  title: "Draft a reply in a text thread",
  description: "Read a text thread with one person and draft a reply for you to approve. Drafts only: nothing is sent.",
  tools: ["list_messages"],
  args: {
    phoneNumber: numberArg(),
    participant: participantArg(),
    intent: z.string().trim().max(500).optional().describe('What the reply should achieve, e.g. "confirm Tuesday 3 pm"'),
  },
  render(args) {
    return [
      `Draft a reply to ${quote(args.participant)} in the text thread with my Quo number ${quote(args.phoneNumber)}.`,
      `1. Call list_messages with phoneNumber ${quote(args.phoneNumber)} and participants ${quote(args.participant)} (about 20 messages) and read the thread, newest first.`,
      "2. Say in one or two lines what the other person last asked or said, and whether anything is still unanswered.",
      args.intent
        ? `3. Draft a short, friendly SMS reply that does this: ${quote(args.intent)}.`
        : "3. Draft a short, friendly SMS reply that answers what is still open.",
      "4. Show me the draft and how many SMS segments it will take. Do NOT call send_message: this is a draft. If I approve it, first call send_message with dryRun: true, show me what would be sent, and send only after I confirm again.",
      DATA_NOT_INSTRUCTIONS,
    ].join("\n");
  },
};
