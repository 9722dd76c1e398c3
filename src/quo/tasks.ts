import type { GatewayClient } from "../gateway/client.js";
import type { Single } from "./types.js";

export interface QuoTask {
  taskId: string;
  phoneNumberId: string | null;
  conversationId: string | null;
  activityId: string | null;
  phoneNumberGroupId: string | null;
  orgId: string;
  title: string | null;
  description: string | null;
  dueDate: string | null;
  assignedTo: string | null;
  assignedBy: string | null;
  createdAt: string;
  createdBy: string;
  completed: boolean;
  isDeleted: boolean;
  revision: string;
}

/** What every write on a task answers. */
export interface QuoTaskRevision {
  taskId: string;
  revision: string;
  phoneNumberId?: string;
  conversationId?: string;
  activityId?: string;
}

/** Unlike other lists, the last page of tasks leaves nextPageToken out. */
interface TaskPage {
  data: QuoTask[];
  nextPageToken?: string;
}

/** A new task hangs off exactly one of a number, a conversation or an activity (call or message). */
export type CreateTaskBody = { title: string; description: string; dueDate?: string; assignedTo?: string } & (
  | { phoneNumberId: string }
  | { conversationId: string }
  | { activityId: string }
);

/** The task operations that are a POST to /v1/tasks/{id}/<step>, with the body each takes. */
export type TaskStep =
  | { step: "complete" | "reopen" | "remove-due-date" }
  | { step: "assign" | "unassign"; body: { userId: string } }
  | { step: "link-conversation" | "unlink-conversation"; body: { conversationId: string } }
  | { step: "change-due-date"; body: { dueDate: string } };

const one = (id: string) => `/v1/tasks/${encodeURIComponent(id)}`;

/** Tasks on numbers, conversations and activities; one HTTP request per method. */
export class QuoTasks {
  constructor(private readonly gateway: GatewayClient) {}

  list(query: { maxResults: number; pageToken?: string }, signal?: AbortSignal) {
    return this.gateway.request<TaskPage>({ method: "GET", path: "/v1/tasks", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTask>>({ method: "GET", path: one(id), signal });
  }

  /** Not idempotent: a repeat after a dropped connection could create a second task. */
  create(body: CreateTaskBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTaskRevision>>({ method: "POST", path: "/v1/tasks", body, signal, idempotent: false });
  }

  /** PUT replaces title and description; repeating it gives the same task. */
  update(id: string, body: { title: string; description: string }, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTaskRevision>>({ method: "PUT", path: one(id), body, signal, idempotent: true });
  }

  delete(id: string, signal?: AbortSignal) {
    return this.gateway.request<void>({ method: "DELETE", path: one(id), signal, idempotent: true });
  }

  /** Each step sets a state (complete, assign X, due date D...), so repeating one is harmless. */
  step(id: string, step: TaskStep, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoTaskRevision>>({
      method: "POST",
      path: `${one(id)}/${step.step}`,
      body: "body" in step ? step.body : undefined,
      signal,
      idempotent: true,
    });
  }
}
