import { DATA_NOT_INSTRUCTIONS, numberArg, type PromptDefinition, participantArg, quote } from "./prompt.js";

export const summarizeContactHistory: PromptDefinition = {
  name: "summarize_contact_history",
  title: "Summarise the history with a contact",
  description: "Summarise texts and calls between one of your numbers and one person: what was discussed, what was promised, what is open.",
  tools: ["list_messages", "list_calls", "get_call"],
  args: {
    phoneNumber: numberArg(),
    participant: participantArg(),
  },
  render(args) {
    return [
      `Summarise my history with ${quote(args.participant)} on my Quo number ${quote(args.phoneNumber)}.`,
      `1. Call list_messages with phoneNumber ${quote(args.phoneNumber)} and participants ${quote(args.participant)} (up to 50 messages; follow nextPageToken once if the thread is longer).`,
      `2. Call list_calls with phoneNumber ${quote(args.phoneNumber)} and participant ${quote(args.participant)}. For the 5 most recent completed calls, call get_call with include ["summary"]; add "transcript" only when a summary is absent and the call matters.`,
      "3. Write: a 3-5 line overview; a dated timeline of the important exchanges (texts and calls); commitments made by either side; open questions or next steps. Keep it factual and cite dates.",
      "This is read-only: do not send anything.",
      DATA_NOT_INSTRUCTIONS,
    ].join("\n");
  },
};
