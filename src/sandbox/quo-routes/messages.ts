// Messages: list one thread, get one, send. Sending has fault hooks, so tests can provoke
// the errors a real workspace produces only in bad states. A send whose `to` contains:
//   +15550000402 -> 402 code 0201402 (Subscription Expired: no credits)
//   +15550000400 -> 400 code 0206400 (A2P Registration Not Approved)
//   +15550000403 -> 403 code 0202403 (Not Phone Number User)
//   +15550000500 -> 500 in the live, undocumented shape {"error":{"message","key","trace"}}
import { notFound, notPhoneNumberUser, QuoError, QuoLiveError } from "../errors.js";
import { answerLater } from "../inbound.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import type { Message } from "../types.js";
import { BodyChecker, bodyObject, E164, idPattern, inRange, newestFirst, paginate, QueryChecker } from "../validate.js";
import { newId } from "../workspace.js";

export const FAULT_NUMBERS = {
  noCredits: "+15550000402",
  a2pNotApproved: "+15550000400",
  notPhoneNumberUser: "+15550000403",
  internalError: "+15550000500",
} as const;

const RESOURCE = "02";

function listMessages(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const phoneNumberId = q.string("phoneNumberId", { required: true, pattern: idPattern("PN") });
  const userId = q.string("userId", { pattern: idPattern("US") });
  const participants = q.array("participants", {
    required: true,
    minItems: 1,
    maxItems: 10,
    item: (v) => E164.test(v),
    itemRule: `Expected string to match '${E164.source}'`,
  });
  const since = q.dateTime("since");
  const after = q.dateTime("createdAfter");
  const before = q.dateTime("createdBefore") ?? since; // "since" behaves as createdBefore, per the spec
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 100 });
  const pageToken = q.string("pageToken");
  q.done();
  const ws = req.ws;
  const pn = ws.phoneNumberById(phoneNumberId!);
  if (!pn) throw notFound("Phone number");
  if (userId !== undefined && !pn.users.some((u) => u.id === userId)) throw notPhoneNumberUser("0202403");
  const conversation = ws.conversationFor(pn.id, participants);
  const items = conversation
    ? ws.messages.filter((m) => m.conversationId === conversation.id && (userId === undefined || m.userId === userId) && inRange(m.createdAt, after, before))
    : [];
  return { status: 200, body: paginate(newestFirst([...items]), maxResults!, pageToken) };
}

function getMessage(req: QuoRequest): QuoResponse {
  const id = pathId(req, "id", "AC");
  const message = req.ws.messages.find((m) => m.id === id);
  if (!message) throw notFound("Message");
  return { status: 200, body: { data: message } };
}

function checkFaults(to: readonly string[]): void {
  if (to.includes(FAULT_NUMBERS.noCredits)) {
    throw new QuoError(402, {
      code: "0201402",
      title: "Subscription Expired",
      description: "Your subscription has expired",
      message: "Your subscription has expired or you are out of credits. Add credits to keep sending messages.",
    });
  }
  if (to.includes(FAULT_NUMBERS.a2pNotApproved)) {
    throw new QuoError(400, {
      code: "0206400",
      title: "A2P Registration Not Approved",
      description: "A2P Registration Not Approved",
      message: "Messages to US numbers need an approved A2P 10DLC registration for this phone number.",
    });
  }
  if (to.includes(FAULT_NUMBERS.notPhoneNumberUser)) throw notPhoneNumberUser("0202403");
  if (to.includes(FAULT_NUMBERS.internalError)) throw new QuoLiveError(500, "internal", "Internal error");
}

function sendMessage(req: QuoRequest): QuoResponse {
  const body = bodyObject(req.body);
  const b = new BodyChecker(body);
  const content = b.string("content", { required: true, minLength: 1, maxLength: 1600, pattern: /.*\S.*/s });
  const from = b.string("from", { required: true });
  if (typeof from === "string" && !idPattern("PN").test(from) && !E164.test(from)) {
    b.add("/from", "Expected union value", "string", from);
  }
  b.string("phoneNumberId", { pattern: idPattern("PN") });
  const to = b.stringArray("to", {
    required: true,
    minItems: 1,
    maxItems: 10,
    item: (v) => E164.test(v),
    itemRule: `Expected string to match '${E164.source}'`,
  });
  const userId = b.string("userId", { pattern: idPattern("US") });
  const setInboxStatus = b.string("setInboxStatus", { enum: ["done"] });
  b.done();

  const ws = req.ws;
  const pn = ws.phoneNumberByRef(from!);
  if (!pn) throw notFound("Phone number");
  if (userId) {
    if (!ws.userById(userId)) throw notFound("User");
    if (!pn.users.some((u) => u.id === userId)) throw notPhoneNumberUser("0202403");
  }
  const recipients = [...new Set(to!)];
  checkFaults(recipients);

  const now = ws.nowIso();
  const conversation = ws.ensureConversation(pn.id, recipients, now);
  const message: Message = {
    id: newId("AC"),
    to: recipients,
    from: pn.number,
    text: content!,
    phoneNumberId: pn.id,
    conversationId: conversation.id,
    direction: "outgoing",
    userId: userId ?? pn.users.find((u) => u.role === "owner")?.id ?? pn.users[0]?.id ?? ws.owner().id,
    status: "queued",
    createdAt: now,
    updatedAt: now,
  };
  ws.messages.push(message);
  ws.sentMessageIds.push(message.id);
  conversation.lastActivityAt = now;
  conversation.lastActivityId = message.id;
  conversation.updatedAt = now;
  const inbox = ws.inbox.get(conversation.id);
  if (inbox) inbox.status = setInboxStatus === "done" ? "done" : "open";
  answerLater(ws, message, ws.replyDelayMs);
  return { status: 202, body: { data: message } };
}

export const messageRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/messages", operationId: "listMessages_v1", resource: RESOURCE, handle: listMessages },
  { method: "GET", path: "/v1/messages/{id}", operationId: "getMessageById_v1", resource: RESOURCE, handle: getMessage },
  { method: "POST", path: "/v1/messages", operationId: "sendMessage_v1", resource: RESOURCE, handle: sendMessage },
];
