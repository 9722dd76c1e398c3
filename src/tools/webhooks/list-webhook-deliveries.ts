import { z } from "zod";
import { readOnly, type ToolFactory, tool } from "../define.js";

const statuses = ["success", "pending", "sending", "failed"] as const;

/**
 * Whether Quo's webhook deliveries reach this server: when wait_for_reply never wakes over
 * HTTP, the first question is whether Quo delivered the replies, and how that went.
 */
export const listWebhookDeliveries: ToolFactory = () =>
  tool({
    name: "list_webhook_deliveries",
    title: "List a webhook's deliveries",
    description:
      "What Quo delivered to one new-system webhook (numeric id from manage_webhook list), newest first: event type, status (success, pending, sending, failed) and time. Use it when replies do not arrive.",
    toolset: "webhooks",
    annotations: readOnly,
    input: () =>
      z.object({
        id: z
          .string({ error: "must be a new-system webhook id, such as 123" })
          .regex(/^\d{1,20}$/, 'must be a new-system webhook id (digits), from manage_webhook action "list"'),
        status: z.enum(statuses, { error: `must be one of ${statuses.join(", ")}` }).optional(),
        maxResults: z.number({ error: "must be a whole number from 1 to 50" }).int("must be a whole number from 1 to 50").min(1).max(50).default(10),
        pageToken: z.string().trim().min(1).optional(),
      }),
    output: () => ({
      deliveries: z.array(z.object({ id: z.string(), event: z.string(), status: z.string(), at: z.string(), nextAttemptAt: z.string().optional() })),
      nextPageToken: z.string().optional(),
    }),
    async handler(args, ctx) {
      const page = await ctx.quo.webhooks.listDeliveries(args.id, { limit: args.maxResults, after: args.pageToken, status: args.status }, ctx.signal);
      return {
        deliveries: page.data.map((d) => ({
          id: d.id,
          event: d.eventType,
          status: d.status,
          at: d.createdAt,
          ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
        })),
        ...(page.nextCursor ? { nextPageToken: page.nextCursor } : {}),
      };
    },
  });
