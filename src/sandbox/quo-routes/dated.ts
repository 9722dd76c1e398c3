// The dated API (Quo-Api-Version: 2026-03-30): the conversation actions, message retry and the
// new webhooks. Every request must carry the version header, as Quo requires (400 without).
// A workspace with `datedApi = false` answers as a gateway that does not route these paths.
import { notFound, QuoError, QuoLiveError } from "../errors.js";
import { type DatedWebhook, newWhsec } from "../inbound.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import { ORG_ID } from "../seed.js";
import { BodyChecker, bodyObject, idPattern } from "../validate.js";
import { inboxRoutes } from "./conversations.js";

const DATED_VERSION = "2026-03-30";
const RESOURCE = "00";
let nextWebhookId = 1000;

/** The version check every dated route makes first. */
function dated(handle: (req: QuoRequest) => QuoResponse) {
  return (req: QuoRequest): QuoResponse => {
    // A gateway that does not route the path answers in its own shape, not Quo's.
    if (!req.ws.datedApi) throw new QuoLiveError(404, "route_not_found", "This route is not available through the gateway");
    const version = req.headers?.["quo-api-version"];
    if (version !== DATED_VERSION) {
      throw new QuoError(400, {
        message: `The Quo-Api-Version header is required; supported values: ${DATED_VERSION}`,
        errors: [{ path: "/headers/Quo-Api-Version", message: "Required", schema: { type: "string" } }],
      });
    }
    return handle(req);
  };
}

const retryMessage = dated((req) => {
  const id = pathId(req, "messageId", "AC");
  const message = req.ws.messages.find((m) => m.id === id);
  if (!message) throw notFound("Message");
  // v1 has no "failed" status; the dated API does, and tests set it to try a retry.
  if ((message.status as string) !== "failed") throw new QuoError(400, { message: `Only failed messages can be retried; this one is ${message.status}` });
  message.status = "queued";
  message.updatedAt = req.ws.nowIso();
  return { status: 202, body: {} };
});

const findWebhook = (req: QuoRequest): DatedWebhook => {
  const id = req.params.webhookId ?? "";
  const hook = req.ws.datedWebhooks.find((w) => w.id === id);
  if (!hook) throw notFound("Webhook");
  return hook;
};

const createWebhook = dated((req) => {
  const b = new BodyChecker(bodyObject(req.body));
  const url = b.string("url", { required: true, format: "uri" });
  const events = b.stringArray("events", { required: true, minItems: 1, item: (v) => /^[a-z]+(\.[a-z]+)+$/.test(v), itemRule: "Expected union value" });
  const resourceIds = b.stringArray("resourceIds", { item: (v) => v === "*" || idPattern("PN").test(v), itemRule: "Expected union value" });
  const label = b.string("label");
  const status = b.string("status", { enum: ["enabled", "disabled"] });
  b.done();
  const now = req.ws.nowIso();
  const hook: DatedWebhook = {
    id: String(nextWebhookId++),
    orgId: ORG_ID,
    label: label ?? null,
    status: (status as DatedWebhook["status"] | undefined) ?? "enabled",
    url: url!,
    createdAt: now,
    updatedAt: now,
    apiVersion: DATED_VERSION,
    events: events!,
    resourceIds: resourceIds ?? ["*"],
    key: newWhsec(),
  };
  req.ws.datedWebhooks.push(hook);
  return { status: 201, body: { data: hook } };
});

/** Quo shows the key only when the webhook is made. */
const withoutKey = ({ key: _, ...rest }: DatedWebhook) => rest;

/** Newest first, `limit` at a time, `after` the cursor of the last page's end. */
const listDeliveries = dated((req) => {
  const hook = findWebhook(req);
  const limit = Math.min(50, Math.max(1, Number(req.query.get("limit") ?? 10) || 10));
  const status = req.query.get("status");
  const all = [...(req.ws.deliveries.get(hook.id) ?? [])].reverse().filter((d) => !status || d.status === status);
  const start = Number(req.query.get("after") ?? 0) || 0;
  const page = all.slice(start, start + limit);
  return { status: 200, body: { data: page, nextCursor: start + limit < all.length ? String(start + limit) : null } };
});

export const datedRoutes: QuoRoute[] = [
  ...inboxRoutes("", "", RESOURCE, (apply) => dated((req) => ({ status: 200, body: { data: apply(req) } }))),
  { method: "POST", path: "/messages/{messageId}/retry", operationId: "retryMessage", resource: RESOURCE, handle: retryMessage },
  {
    method: "GET",
    path: "/webhooks",
    operationId: "listHeaderVersionedWebhooks",
    resource: RESOURCE,
    handle: dated((req) => ({ status: 200, body: { data: req.ws.datedWebhooks.map(withoutKey), nextCursor: null } })),
  },
  { method: "POST", path: "/webhooks", operationId: "createHeaderVersionedWebhook", resource: RESOURCE, handle: createWebhook },
  { method: "GET", path: "/webhooks/{webhookId}/events", operationId: "listHeaderVersionedWebhookDeliveries", resource: RESOURCE, handle: listDeliveries },
  {
    method: "GET",
    path: "/webhooks/{webhookId}",
    operationId: "getHeaderVersionedWebhookById",
    resource: RESOURCE,
    handle: dated((req) => ({ status: 200, body: { data: withoutKey(findWebhook(req)) } })),
  },
  {
    method: "DELETE",
    path: "/webhooks/{webhookId}",
    operationId: "deleteHeaderVersionedWebhookById",
    resource: RESOURCE,
    handle: dated((req) => {
      const hook = findWebhook(req);
      req.ws.datedWebhooks.splice(req.ws.datedWebhooks.indexOf(hook), 1);
      return { status: 204 };
    }),
  },
];
