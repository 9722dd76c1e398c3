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
import { waitForReply } from "./messages/wait-for-reply.js";
import { listPhoneNumbers } from "./numbers/list-phone-numbers.js";
import { readOnlyVariant } from "./read-only.js";
import { createSchemas } from "./schemas.js";
import { manageTask } from "./tasks/manage-task.js";
import { listUsers } from "./users/list-users.js";
import { listWebhookDeliveries } from "./webhooks/list-webhook-deliveries.js";
import { manageWebhook } from "./webhooks/manage-webhook.js";

/** Every tool, in the order clients list them. */
const factories: ToolFactory[] = [
  listPhoneNumbers,
  listUsers,
  sendMessage,
  sendIndividualMessages,
  listMessages,
  waitForReply,
  listCalls,
  getCall,
  listMissedCalls,
  listConversations,
  updateConversation,
  findContacts,
  manageContact,
  manageTask,
  manageWebhook,
  listWebhookDeliveries,
  manageConnection,
];

export { selectTools } from "./selection.js";

const built = new Map<string, ToolDefinition[]>();

/**
 * Every tool, built once per region: start-up checks the selection before serving, and the
 * definitions computed for tools/list are cached per tool object, so both must see the same ones.
 */
export function allTools(region: string): ToolDefinition[] {
  let tools = built.get(region);
  if (!tools) {
    const schemas = createSchemas(region);
    tools = factories.map((factory) => {
      const tool = factory(schemas);
      const variant = readOnlyVariant(tool);
      return variant ? { ...tool, readOnlyVariant: variant } : tool;
    });
    built.set(region, tools);
  }
  return tools;
}
