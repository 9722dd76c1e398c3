import type { QuoTask, QuoTaskRevision } from "../quo/tasks.js";
import { compact, shortTime } from "./compact.js";

/** A task as a to-do item; `verbose` adds who created and assigned it, and its revision. */
export function formatTask(t: QuoTask, verbose = false) {
  return compact({
    id: t.taskId,
    title: t.title,
    description: t.description,
    done: t.completed,
    due: shortTime(t.dueDate),
    assignedTo: t.assignedTo,
    phoneNumberId: t.phoneNumberId,
    conversationId: t.conversationId,
    activityId: t.activityId,
    ...(verbose
      ? { createdAt: shortTime(t.createdAt), createdBy: t.createdBy, assignedBy: t.assignedBy, revision: t.revision, phoneNumberGroupId: t.phoneNumberGroupId }
      : {}),
  });
}

/** What a write answers: the task id and its new revision (plus where a new task hangs). */
export function formatTaskRevision(r: QuoTaskRevision) {
  return compact({ id: r.taskId, revision: r.revision, phoneNumberId: r.phoneNumberId, conversationId: r.conversationId, activityId: r.activityId });
}
