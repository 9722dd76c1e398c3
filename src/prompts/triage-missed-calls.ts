import { z } from "zod";
import { DATA_NOT_INSTRUCTIONS, numberArg, type PromptDefinition, quote } from "./prompt.js";

export const triageMissedCalls: PromptDefinition = {
  name: "triage_missed_calls",
  title: "Triage missed calls and voicemails",
  description: "Go through the missed calls and voicemails of one of your numbers, rank them by urgency and propose a next step for each (nothing is sent).",
  tools: ["list_missed_calls", "get_call"],
  args: {
    phoneNumber: numberArg(),
    hours: z
      .string()
      .regex(/^\d{1,4}$/, "must be a whole number of hours")
      .optional()
      .describe("How far back to look, in hours (default 24)"),
  },
  render(args) {
    const hours = Number(args.hours ?? "24") || 24;
    return [
      `Triage the missed calls and voicemails of my Quo number ${quote(args.phoneNumber)} from the last ${hours} hours.`,
      `1. Call list_missed_calls with phoneNumber ${quote(args.phoneNumber)} and createdAfter set to ${hours} hours before now (ISO 8601). If the result says partial, tell me what was not checked.`,
      '2. For a missed call whose voicemail has no transcript yet, call get_call with its id and include ["voicemail", "summary"] to see if one has arrived.',
      "3. Group repeated calls from the same caller. Rank the callers: urgent (asks for a call back today, an emergency, a deadline), normal, and no action (hang-ups without a voicemail, spam).",
      "4. For each caller give: number, when and how often they called, a one-line gist of the voicemail, and the next step you propose (call back, text back, nothing). If a text back fits, draft it, but do not send anything: I decide. When I approve a draft, use send_message with dryRun: true first and show me the result.",
      DATA_NOT_INSTRUCTIONS,
    ].join("\n");
  },
};
