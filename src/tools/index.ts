import { getCall } from "./calls/get-call.js";
import { listCalls } from "./calls/list-calls.js";
import { listMissedCalls } from "./calls/list-missed-calls.js";
import { manageConnection } from "./connection/manage-connection.js";
import { findContacts } from "./contacts/find-contacts.js";
import { manageContact } from "./contacts/manage-contact.js";
import { listConversations } from "./conversations/list-conversations.js";
import { updateConversation } from "./conversations/update-conversation.js";
import { type ToolDefinition, type ToolFactory, type Toolset, toolsets } from "./define.js";
import { listMessages } from "./messages/list-messages.js";
import { sendIndividualMessages } from "./messages/send-individual-messages.js";
import { sendMessage } from "./messages/send-message.js";
import { listPhoneNumbers } from "./numbers/list-phone-numbers.js";
import { createSchemas } from "./schemas.js";
import { manageTask } from "./tasks/manage-task.js";
import { listUsers } from "./users/list-users.js";
import { manageWebhook } from "./webhooks/manage-webhook.js";

/** Every tool, in the order clients list them. */
const factories: ToolFactory[] = [listPhoneNumbers, listUsers, sendMessage, sendIndividualMessages, listMessages, listCalls, getCall, listMissedCalls, listConversations, updateConversation, findContacts, manageContact, manageTask, manageWebhook, manageConnection];

/** The everyday job: what runs when no toolset is chosen. */
export const defaultToolsets: readonly Toolset[] = ["numbers", "users", "messages", "calls", "conversations", "contacts", "connection"];

export interface ToolSelection {
  toolsets?: readonly string[];
  tools?: readonly string[];
  excludeTools?: readonly string[];
  readOnly?: boolean;
}

export function allTools(region: string): ToolDefinition[] {
  const schemas = createSchemas(region);
  return factories.map((factory) => factory(schemas));
}

/**
 * Picks the tools to serve: the chosen toolsets (or the default ones), plus single tools by
 * name, minus excluded ones; read-only drops every tool that writes. Unknown names are errors,
 * so a typo does not silently serve nothing.
 */
export function selectTools(all: ToolDefinition[], selection: ToolSelection): ToolDefinition[] {
  const names = new Set(all.map((t) => t.name));
  for (const name of [...(selection.tools ?? []), ...(selection.excludeTools ?? [])]) {
    if (!names.has(name)) throw new Error(`unknown tool "${name}"; the tools are: ${[...names].join(", ")}`);
  }
  for (const set of selection.toolsets ?? []) {
    if (set !== "all" && !(toolsets as readonly string[]).includes(set)) throw new Error(`unknown toolset "${set}"; the toolsets are: all, ${toolsets.join(", ")}`);
  }
  const sets = selection.toolsets?.length ? selection.toolsets : selection.tools?.length ? [] : defaultToolsets;
  const everything = sets.includes("all");
  const byDefault = sets === defaultToolsets;
  const chosen = all.filter(
    (t) =>
      (everything || (sets.includes(t.toolset) && !(byDefault && t.defaultEnabled === false)) || selection.tools?.includes(t.name)) &&
      !selection.excludeTools?.includes(t.name),
  );
  return selection.readOnly ? chosen.filter((t) => !t.writes) : chosen;
}
