import { QuoRouter } from "../router.js";
import { callRoutes } from "./calls.js";
import { contactRoutes } from "./contacts.js";
import { conversationRoutes } from "./conversations.js";
import { datedRoutes } from "./dated.js";
import { messageRoutes } from "./messages.js";
import { numberAndUserRoutes } from "./numbers-users.js";
import { taskRoutes } from "./tasks.js";
import { webhookRoutes } from "./webhooks.js";

/** Every operation of spec/quo-openapi.json (43). */
export function quoRouter(): QuoRouter {
  return new QuoRouter([
    ...callRoutes,
    ...contactRoutes,
    ...conversationRoutes,
    ...messageRoutes,
    ...numberAndUserRoutes,
    ...taskRoutes,
    ...webhookRoutes,
    ...datedRoutes,
  ]);
}
