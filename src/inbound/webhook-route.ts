import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus } from "../events/bus.js";
import { type Logger, registerSecret } from "../logger.js";
import type { HttpRoute } from "../transports/http-app.js";
import { readDelivery } from "./events.js";
import { SignatureCheck } from "./signatures.js";
import { SELF } from "./tenant.js";

/** Quo's events are small; anything larger is not one of them. */
const MAX_DELIVERY_BYTES = 1024 * 1024;

export interface WebhookReceiverOptions {
  path: string;
  /** QUO_MCP_WEBHOOK_SECRET: every key that may sign a delivery (several while rotating). */
  secrets: readonly string[];
  /** Multi-tenant: deliveries name their tenant with ?tenant=<token> (see tenant.ts). */
  multiTenant: boolean;
  bus: EventBus;
  logger: Logger;
  now?: () => number;
}

/**
 * Remembers the deliveries already taken, so a retried delivery is acknowledged and not
 * handled twice. Quo retries within hours; an hour of ids, bounded in number, covers the
 * retries that matter (and a wait drops a message it has already told in any case).
 */
class SeenDeliveries {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 3_600_000,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** true the first time an id is offered within the ttl. */
  take(id: string): boolean {
    const now = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, now);
    while (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }
}

/**
 * `POST /webhooks/quo`: verifies a Quo delivery (either signature scheme), answers at once, and
 * puts the event on the bus after the answer has gone. A public route: Quo cannot send the
 * server's bearer token, and the signature is what proves the sender.
 */
export function webhookRoute(options: WebhookReceiverOptions): HttpRoute {
  const { logger, bus } = options;
  for (const secret of options.secrets) registerSecret(secret);
  const check = new SignatureCheck(options.secrets, options.now);
  const seen = new SeenDeliveries(undefined, undefined, options.now);
  return {
    path: options.path,
    public: true,
    async handle(req: IncomingMessage, res: ServerResponse) {
      if (req.method !== "POST") return answer(res, 405, { error: "Method not allowed: Quo delivers events with POST" }, { allow: "POST" });
      let tenant = SELF;
      if (options.multiTenant) {
        const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("tenant");
        if (!token || !/^[\w-]{32}$/.test(token))
          return answer(res, 404, { error: "Not found: a multi-tenant server takes deliveries at this path with ?tenant=<your tenant token>" });
        tenant = token;
      }
      const raw = await readRaw(req, MAX_DELIVERY_BYTES);
      if (raw === "too-large") return answer(res, 413, { error: `Payload too large: at most ${MAX_DELIVERY_BYTES} bytes` }, { connection: "close" });
      const verdict = check.verify(raw, req.headers);
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason }, "webhook delivery refused");
        return answer(res, 401, { error: `Unauthorized: ${verdict.reason}` });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        logger.warn({ scheme: verdict.scheme }, "webhook delivery is not JSON");
        return answer(res, 400, { error: "Bad Request: the body is not JSON" });
      }
      const delivery = readDelivery(body);
      if (!delivery) {
        logger.warn({ scheme: verdict.scheme }, "webhook delivery is not a Quo event");
        return answer(res, 400, { error: "Bad Request: not a Quo event (type, id and data are required)" });
      }
      const id = verdict.deliveryId ?? delivery.id;
      if (!seen.take(`${tenant}\0${id}`)) {
        logger.info({ type: delivery.type, delivery: id }, "webhook delivery repeated: acknowledged, not handled again");
        return answer(res, 200, { received: true, duplicate: true });
      }
      answer(res, 200, { received: true });
      // Handled after the answer: Quo wants a quick acknowledgement, and nothing the waits do
      // with the event may hold it up.
      setImmediate(() => {
        logger.info({ type: delivery.type, delivery: id, scheme: verdict.scheme }, "webhook event received");
        bus
          .publish({ type: delivery.type, tenant, id, data: { resource: delivery.resource, context: delivery.context, createdAt: delivery.createdAt } })
          .catch((error: unknown) => logger.error({ err: error, type: delivery.type }, "could not publish a webhook event on the bus"));
      });
    },
  };
}

function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve("too-large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.pause();
      resolve("too-large");
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": String(data.length), "cache-control": "no-store", ...headers });
  res.end(data);
}
