// Webhooks: list (one user's, the owner's by default, as the spec says), get, delete and
// the four typed create operations. Webhooks created here get signed deliveries (inbound.ts).
import { randomBytes } from "node:crypto";
import { notFound } from "../errors.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import { ORG_ID } from "../seed.js";
import type { Webhook, WebhookEvent } from "../types.js";
import { BodyChecker, bodyObject, idPattern, QueryChecker } from "../validate.js";
import { newId } from "../workspace.js";

const RESOURCE = "03";

function listWebhooks(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const userId = q.string("userId", { pattern: idPattern("US") }) ?? req.ws.owner().id;
  q.done();
  return { status: 200, body: { data: req.ws.webhooks.filter((w) => w.userId === userId) } };
}

function findWebhook(req: QuoRequest): Webhook {
  const id = pathId(req, "id", "WH");
  const webhook = req.ws.webhooks.find((w) => w.id === id);
  if (!webhook) throw notFound("Webhook");
  return webhook;
}

function getWebhook(req: QuoRequest): QuoResponse {
  return { status: 200, body: { data: findWebhook(req) } };
}

function deleteWebhook(req: QuoRequest): QuoResponse {
  const webhook = findWebhook(req);
  req.ws.webhooks.splice(req.ws.webhooks.indexOf(webhook), 1);
  return { status: 204 };
}

function creator(allowed: readonly WebhookEvent[], minEvents: number) {
  return (req: QuoRequest): QuoResponse => {
    const b = new BodyChecker(bodyObject(req.body));
    const url = b.string("url", { required: true, format: "uri" });
    const events = b.stringArray("events", {
      required: true,
      minItems: minEvents,
      item: (v) => (allowed as readonly string[]).includes(v),
      itemRule: "Expected union value",
    });
    const resourceIds = b.stringArray("resourceIds", {
      item: (v) => v === "*" || idPattern("PN").test(v),
      itemRule: "Expected union value",
    });
    if (resourceIds?.includes("*") && resourceIds.length > 1) b.add("/resourceIds", "Expected union value", "array", resourceIds);
    const label = b.string("label");
    const status = b.string("status", { enum: ["enabled", "disabled"] });
    const userId = b.string("userId", { pattern: idPattern("US") });
    b.done();
    const ws = req.ws;
    if (userId && !ws.userById(userId)) throw notFound("User");
    for (const id of resourceIds ?? []) if (id !== "*" && !ws.phoneNumberById(id)) throw notFound("Phone number");
    const now = ws.nowIso();
    const webhook: Webhook = {
      id: newId("WH"),
      userId: userId ?? ws.owner().id,
      orgId: ORG_ID,
      label: label ?? null,
      status: (status as Webhook["status"] | undefined) ?? "enabled",
      url: url!,
      key: randomBytes(24).toString("base64url"),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      events: events as WebhookEvent[],
      resourceIds: resourceIds ?? ["*"],
    };
    ws.webhooks.push(webhook);
    ws.createdWebhookIds.add(webhook.id);
    return { status: 201, body: { data: webhook } };
  };
}

export const webhookRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/webhooks", operationId: "listWebhooks_v1", resource: RESOURCE, handle: listWebhooks },
  { method: "GET", path: "/v1/webhooks/{id}", operationId: "getWebhookById_v1", resource: RESOURCE, handle: getWebhook },
  { method: "DELETE", path: "/v1/webhooks/{id}", operationId: "deleteWebhookById_v1", resource: RESOURCE, handle: deleteWebhook },
  {
    method: "POST",
    path: "/v1/webhooks/messages",
    operationId: "createMessageWebhook_v1",
    resource: RESOURCE,
    handle: creator(["message.received", "message.delivered"], 0),
  },
  {
    method: "POST",
    path: "/v1/webhooks/calls",
    operationId: "createCallWebhook_v1",
    resource: RESOURCE,
    handle: creator(["call.completed", "call.ringing", "call.recording.completed"], 0),
  },
  {
    method: "POST",
    path: "/v1/webhooks/call-summaries",
    operationId: "createCallSummaryWebhook_v1",
    resource: RESOURCE,
    handle: creator(["call.summary.completed"], 1),
  },
  {
    method: "POST",
    path: "/v1/webhooks/call-transcripts",
    operationId: "createCallTranscriptWebhook_v1",
    resource: RESOURCE,
    handle: creator(["call.transcript.completed"], 1),
  },
];
