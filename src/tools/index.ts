import { getCall } from "./calls/get-call.js";
import { listCalls } from "./calls/list-calls.js";
import { listMissedCalls } from "./calls/list-missed-calls.js";
import { manageConnection } from "./connection/manage-connection.js";
import { findContacts } from "./contacts/find-contacts.js";
import { manageContact } from "./contacts/manage-contact.js";
import { listConversations } from "./conversations/list-conversations.js";
import { updateConversation } from "./conversations/update-conversation.js";
import type { ToolDefinition, ToolFactory } from "./define.js";
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

export { defaultToolsets, selectTools, type ToolSelection } from "./selection.js";

export function allTools(region: string): ToolDefinition[] {
  const schemas = createSchemas(region);
  return factories.map((factory) => factory(schemas));
}
