// Conversations: list (newest activity first, as the spec says) and the inbox actions.
// Per the spec, mark-as-read/done/open answer the bare conversation object, not {data}.
import { notFound, notPhoneNumberUser } from "../errors.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import type { Conversation } from "../types.js";
import { E164, idPattern, inRange, paginate, QueryChecker } from "../validate.js";

const RESOURCE = "10";
const numberRef = (v: string) => E164.test(v) || idPattern("PN").test(v);

function listConversations(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const phoneNumber = q.string("phoneNumber");
  if (phoneNumber !== undefined && !numberRef(phoneNumber)) q.add("/phoneNumber", "Expected union value", "string", phoneNumber);
  const phoneNumbers = q.array("phoneNumbers", { minItems: 1, maxItems: 100, item: numberRef, itemRule: "Expected union value" });
  const userId = q.string("userId", { pattern: idPattern("US") });
  const createdAfter = q.dateTime("createdAfter");
  const createdBefore = q.dateTime("createdBefore");
  const updatedAfter = q.dateTime("updatedAfter");
  const updatedBefore = q.dateTime("updatedBefore");
  const excludeInactive = q.bool("excludeInactive");
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 100 });
  const pageToken = q.string("pageToken");
  q.done();
  const ws = req.ws;
  // The spec: phoneNumbers wins over the deprecated phoneNumber when both are given.
  const refs = phoneNumbers.length > 0 ? phoneNumbers : phoneNumber !== undefined ? [phoneNumber] : [];
  const numberIds = new Set<string>();
  for (const ref of refs) {
    const pn = ws.phoneNumberByRef(ref);
    if (!pn) throw notFound("Phone number");
    if (userId !== undefined && !pn.users.some((u) => u.id === userId)) throw notPhoneNumberUser("1001403");
    numberIds.add(pn.id);
  }
  if (userId !== undefined && !ws.userById(userId)) throw notFound("User");
  const userNumbers = userId === undefined ? undefined : new Set(ws.phoneNumbers.filter((p) => p.users.some((u) => u.id === userId)).map((p) => p.id));
  const items = ws.conversations.filter(
    (c) =>
      (numberIds.size === 0 || numberIds.has(c.phoneNumberId)) &&
      (userNumbers === undefined || userNumbers.has(c.phoneNumberId)) &&
      (!excludeInactive || c.deletedAt === null) &&
      inRange(c.createdAt, createdAfter, createdBefore) &&
      inRange(c.updatedAt, updatedAfter, updatedBefore),
  );
  const key = (c: Conversation) => Date.parse(c.lastActivityAt ?? c.updatedAt ?? c.createdAt ?? "") || 0;
  items.sort((a, b) => key(b) - key(a) || b.id.localeCompare(a.id));
  return { status: 200, body: paginate(items, maxResults!, pageToken) };
}

type InboxState = { status: "open" | "done"; read: boolean };

/** The inbox actions: the path's last segment, the operation, and what each does to the state. */
const inboxActions: [action: string, operationId: string, change: (state: InboxState) => void][] = [
  [
    "mark-as-read",
    "markConversationAsRead",
    (s) => {
      s.read = true;
    },
  ],
  [
    "mark-as-done",
    "markConversationAsDone",
    (s) => {
      s.status = "done";
    },
  ],
  [
    "mark-as-open",
    "markConversationAsOpen",
    (s) => {
      s.status = "open";
    },
  ],
];

/** Applies an inbox action to the conversation in the path; the conversation as it now stands. */
function applyInboxAction(req: QuoRequest, change: (state: InboxState) => void): Conversation {
  const id = pathId(req, "conversationId", "CN");
  const conversation = req.ws.conversationById(id);
  if (!conversation) throw notFound("Conversation");
  const state = req.ws.inbox.get(id) ?? { status: "open", read: false };
  change(state);
  req.ws.inbox.set(id, state);
  conversation.updatedAt = req.ws.nowIso();
  return conversation;
}

/**
 * The inbox actions as one API version serves them: v1 under "/v1", with "_v1" operations and the
 * bare conversation as the answer; the dated API at the root, behind its version check, answering
 * {data}. `handler` makes a route's handler from the action applied.
 */
export function inboxRoutes(
  prefix: string,
  operationSuffix: string,
  resource: string,
  handler: (apply: (req: QuoRequest) => Conversation) => QuoRoute["handle"],
): QuoRoute[] {
  return inboxActions.map(([action, operationId, change]) => ({
    method: "POST",
    path: `${prefix}/conversations/{conversationId}/${action}`,
    operationId: `${operationId}${operationSuffix}`,
    resource,
    handle: handler((req) => applyInboxAction(req, change)),
  }));
}

export const conversationRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/conversations", operationId: "listConversations_v1", resource: RESOURCE, handle: listConversations },
  ...inboxRoutes("/v1", "_v1", RESOURCE, (apply) => (req) => ({ status: 200, body: apply(req) })),
];
