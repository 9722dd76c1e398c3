import type { GatewayClient } from "../gateway/client.js";
import { QuoCalls } from "./calls.js";
import { QuoContacts } from "./contacts.js";
import { QuoConversations } from "./conversations.js";
import { QuoMessages } from "./messages.js";
import { QuoNumbers } from "./numbers.js";
import { QuoTasks } from "./tasks.js";
import { QuoUsers } from "./users.js";
import { QuoWebhooks } from "./webhooks.js";

/** Quo v1 as tools see it: one client per resource, all over the same gateway client. */
export interface Quo {
  numbers: QuoNumbers;
  users: QuoUsers;
  messages: QuoMessages;
  calls: QuoCalls;
  conversations: QuoConversations;
  contacts: QuoContacts;
  tasks: QuoTasks;
  webhooks: QuoWebhooks;
}

/** Built once per Maton key; the gateway client (its pacing, retries, deadline) stays inside. */
export function createQuo(gateway: GatewayClient): Quo {
  return {
    numbers: new QuoNumbers(gateway),
    users: new QuoUsers(gateway),
    messages: new QuoMessages(gateway),
    calls: new QuoCalls(gateway),
    conversations: new QuoConversations(gateway),
    contacts: new QuoContacts(gateway),
    tasks: new QuoTasks(gateway),
    webhooks: new QuoWebhooks(gateway),
  };
}
