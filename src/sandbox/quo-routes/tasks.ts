// Tasks: all eleven operations. Every change bumps `revision`, which the write operations
// return. A task belongs to a phone number, reached directly, through a conversation or
// through an activity (a call or message id).
import { notFound } from "../errors.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import { ORG_ID } from "../seed.js";
import type { Task } from "../types.js";
import { BodyChecker, bodyObject, idPattern, paginate, QueryChecker } from "../validate.js";
import { newId } from "../workspace.js";

const RESOURCE = "06";

function listTasks(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 100 });
  const pageToken = q.string("pageToken");
  q.done();
  const items = req.ws.tasks.filter((t) => !t.isDeleted).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.taskId.localeCompare(a.taskId));
  const page = paginate(items, maxResults!, pageToken);
  // Unlike the other lists, the spec types tasks' nextPageToken as an optional string (not
  // nullable), so the last page leaves it out instead of sending null.
  const body: Record<string, unknown> = { data: page.data, totalItems: page.totalItems };
  if (page.nextPageToken !== null) body.nextPageToken = page.nextPageToken;
  return { status: 200, body };
}

function findTask(req: QuoRequest): Task {
  const id = pathId(req, "taskId", "TK");
  const task = req.ws.tasks.find((t) => t.taskId === id && !t.isDeleted);
  if (!task) throw notFound("Task");
  return task;
}

function bump(task: Task): QuoResponse {
  task.revision = String(Number(task.revision) + 1);
  return { status: 200, body: { data: { taskId: task.taskId, revision: task.revision } } };
}

function createTask(req: QuoRequest): QuoResponse {
  const b = new BodyChecker(bodyObject(req.body));
  const title = b.string("title", { required: true });
  const description = b.string("description", { required: true });
  const dueDate = b.string("dueDate", { format: "date-time" });
  const assignedTo = b.string("assignedTo", { pattern: idPattern("US") });
  const anchors = ["phoneNumberId", "conversationId", "activityId"].filter((k) => b.has(k));
  if (anchors.length !== 1) b.add("/", "Expected exactly one of phoneNumberId, conversationId, activityId", "object", anchors);
  const phoneNumberId = b.string("phoneNumberId", { pattern: idPattern("PN") });
  const conversationId = b.string("conversationId", { pattern: idPattern("CN") });
  const activityId = b.string("activityId", { pattern: idPattern("AC") });
  b.only(["title", "description", "dueDate", "assignedTo", "phoneNumberId", "conversationId", "activityId"]);
  b.done();
  const ws = req.ws;
  let pnId: string;
  if (phoneNumberId) {
    if (!ws.phoneNumberById(phoneNumberId)) throw notFound("Phone number");
    pnId = phoneNumberId;
  } else if (conversationId) {
    const conversation = ws.conversationById(conversationId);
    if (!conversation) throw notFound("Conversation");
    pnId = conversation.phoneNumberId;
  } else {
    const activity = ws.calls.find((c) => c.id === activityId) ?? ws.messages.find((m) => m.id === activityId);
    if (!activity?.phoneNumberId) throw notFound("Activity");
    pnId = activity.phoneNumberId;
  }
  if (assignedTo && !ws.userById(assignedTo)) throw notFound("User");
  const pn = ws.phoneNumberById(pnId);
  const owner = ws.owner().id;
  const task: Task = {
    taskId: newId("TK"),
    phoneNumberId: pnId,
    conversationId: conversationId ?? null,
    activityId: activityId ?? null,
    phoneNumberGroupId: pn?.groupId ?? null,
    orgId: ORG_ID,
    title: title!,
    description: description!,
    dueDate: dueDate ?? null,
    assignedTo: assignedTo ?? null,
    assignedBy: assignedTo ? owner : null,
    createdAt: ws.nowIso(),
    createdBy: owner,
    completed: false,
    isDeleted: false,
    revision: "1",
  };
  ws.tasks.push(task);
  const data: Record<string, unknown> = { taskId: task.taskId, revision: task.revision, phoneNumberId: pnId };
  if (task.conversationId) data.conversationId = task.conversationId;
  if (task.activityId) data.activityId = task.activityId;
  return { status: 201, body: { data } };
}

function getTask(req: QuoRequest): QuoResponse {
  return { status: 200, body: { data: findTask(req) } };
}

function deleteTask(req: QuoRequest): QuoResponse {
  const task = findTask(req);
  task.isDeleted = true;
  return { status: 204 };
}

function updateTask(req: QuoRequest): QuoResponse {
  const task = findTask(req);
  const b = new BodyChecker(bodyObject(req.body));
  const title = b.string("title", { required: true });
  const description = b.string("description", { required: true });
  b.only(["title", "description"]);
  b.done();
  task.title = title!;
  task.description = description!;
  return bump(task);
}

function simple(change: (task: Task) => void) {
  return (req: QuoRequest): QuoResponse => {
    const task = findTask(req);
    change(task);
    return bump(task);
  };
}

function conversationAction(link: boolean) {
  return (req: QuoRequest): QuoResponse => {
    const task = findTask(req);
    const b = new BodyChecker(bodyObject(req.body));
    const conversationId = b.string("conversationId", { required: true, pattern: idPattern("CN") });
    b.done();
    if (!req.ws.conversationById(conversationId!)) throw notFound("Conversation");
    if (link) task.conversationId = conversationId!;
    else if (task.conversationId === conversationId) task.conversationId = null;
    return bump(task);
  };
}

function userAction(assign: boolean) {
  return (req: QuoRequest): QuoResponse => {
    const task = findTask(req);
    const b = new BodyChecker(bodyObject(req.body));
    const userId = b.string("userId", { required: true, pattern: idPattern("US") });
    b.only(["userId"]);
    b.done();
    if (!req.ws.userById(userId!)) throw notFound("User");
    if (assign) {
      task.assignedTo = userId!;
      task.assignedBy = req.ws.owner().id;
    } else if (task.assignedTo === userId) {
      task.assignedTo = null;
      task.assignedBy = null;
    }
    return bump(task);
  };
}

function changeDueDate(req: QuoRequest): QuoResponse {
  const task = findTask(req);
  const b = new BodyChecker(bodyObject(req.body));
  const dueDate = b.string("dueDate", { required: true, format: "date-time" });
  b.only(["dueDate"]);
  b.done();
  task.dueDate = dueDate!;
  return bump(task);
}

const action = (name: string, operationId: string, handle: (req: QuoRequest) => QuoResponse): QuoRoute => ({
  method: "POST",
  path: `/v1/tasks/{taskId}/${name}`,
  operationId,
  resource: RESOURCE,
  handle,
});

export const taskRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/tasks", operationId: "listTasks_v1", resource: RESOURCE, handle: listTasks },
  { method: "POST", path: "/v1/tasks", operationId: "createTask_v1", resource: RESOURCE, handle: createTask },
  { method: "GET", path: "/v1/tasks/{taskId}", operationId: "getTaskById_v1", resource: RESOURCE, handle: getTask },
  { method: "DELETE", path: "/v1/tasks/{taskId}", operationId: "deleteTask_v1", resource: RESOURCE, handle: deleteTask },
  { method: "PUT", path: "/v1/tasks/{taskId}", operationId: "updateTask_v1", resource: RESOURCE, handle: updateTask },
  action(
    "complete",
    "completeTask_v1",
    simple((t) => {
      t.completed = true;
    }),
  ),
  action(
    "reopen",
    "reopenTask_v1",
    simple((t) => {
      t.completed = false;
    }),
  ),
  action(
    "remove-due-date",
    "removeTaskDueDate_v1",
    simple((t) => {
      t.dueDate = null;
    }),
  ),
  action("link-conversation", "linkTaskToConversation_v1", conversationAction(true)),
  action("unlink-conversation", "unlinkTaskFromConversation_v1", conversationAction(false)),
  action("assign", "assignTask_v1", userAction(true)),
  action("unassign", "unassignTask_v1", userAction(false)),
  action("change-due-date", "changeTaskDueDate_v1", changeDueDate),
];
