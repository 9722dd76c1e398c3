import { z } from "zod";
import { formatWebhook } from "../../format/webhooks.js";
import { type WebhookKind, webhookKinds } from "../../quo/webhooks.js";
import { type ToolFactory, tool } from "../define.js";

const actions = ["list", "get", "create", "delete"] as const;
const kinds = Object.keys(webhookKinds) as WebhookKind[];
const allEvents = kinds.flatMap((k) => webhookKinds[k] as readonly string[]);

const webhookShape = z.looseObject({ id: z.string(), url: z.string() });

export const manageWebhook: ToolFactory = (s) =>
  tool({
    name: "manage_webhook",
    title: "Quo webhooks: list, get, create, delete",
    description: `Webhooks that POST Quo events to a URL. action: list | get (id WH...) | create (kind + url; events default to all of the kind: ${kinds.map((k) => `${k}: ${webhookKinds[k].join(", ")}`).join("; ")}; phoneNumbers default all) | delete (stops deliveries: confirm first). The signing key is a secret: returned on create, and on get only with revealKey.`,
    toolset: "webhooks",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    readActions: { actions: ["list", "get"], description: "Webhooks that POST Quo events to a URL, read-only. action: list | get (id WH...). The signing key is a secret: returned on get only with revealKey." },
    input: z
      .object({
        action: z.enum(actions, { error: `must be one of ${actions.join(", ")}` }),
        id: s.id("WH", "webhook").optional(),
        kind: z.enum(kinds, { error: `must be one of ${kinds.join(", ")}` }).optional(),
        url: z
          .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://example.com/hooks/quo" })
          .max(2000)
          .optional(),
        events: z.array(z.enum(allEvents as [string, ...string[]], { error: `must be events of the kind: ${allEvents.join(", ")}` })).min(1).max(3).optional(),
        phoneNumbers: z.array(s.ownNumber()).min(1).max(20).optional(),
        label: z.string().trim().min(1).max(200).optional(),
        status: z.enum(["enabled", "disabled"]).optional(),
        userId: s.id("US", "user").optional().describe("list: whose webhooks; create: owner (default workspace owner)"),
        revealKey: z.boolean().default(false),
        verbose: z.boolean().default(false),
      })
      .superRefine((value, ctx) => {
        if ((value.action === "get" || value.action === "delete") && !value.id) {
          ctx.addIssue({ code: "custom", path: ["id"], message: `is required for action "${value.action}": take one from action "list"` });
        }
        if (value.action !== "create") return;
        if (!value.kind) ctx.addIssue({ code: "custom", path: ["kind"], message: `is required for action "create": one of ${kinds.join(", ")}` });
        if (!value.url) ctx.addIssue({ code: "custom", path: ["url"], message: 'is required for action "create": the https URL that receives the events' });
        const allowed = value.kind ? (webhookKinds[value.kind] as readonly string[]) : [];
        const wrong = value.kind ? (value.events ?? []).filter((e) => !allowed.includes(e)) : [];
        if (wrong.length) ctx.addIssue({ code: "custom", path: ["events"], message: `${wrong.join(", ")} not allowed for kind ${value.kind}: use ${allowed.join(", ")}` });
      }),
    output: {
      webhooks: z.array(webhookShape).optional(),
      webhook: webhookShape.optional(),
      deleted: z.string().optional(),
      hint: z.string().optional(),
    },
    async handler(args, ctx) {
      const { quo, signal } = ctx;
      const verbose = args.verbose;
      switch (args.action) {
        case "list": {
          const all = await quo.webhooks.list(args.userId, signal);
          return { webhooks: all.data.map((w) => formatWebhook(w, { verbose })) };
        }
        case "get": {
          const one = await quo.webhooks.get(args.id as string, signal);
          return { webhook: formatWebhook(one.data, { verbose, withKey: args.revealKey }) };
        }
        case "create": {
          const kind = args.kind as WebhookKind;
          const numbers = args.phoneNumbers ? await Promise.all(args.phoneNumbers.map((n, i) => ctx.directory.resolve(n, `phoneNumbers.${i}`, signal))) : undefined;
          const created = await quo.webhooks.create(
            kind,
            {
              url: args.url as string,
              events: args.events ?? [...webhookKinds[kind]],
              resourceIds: numbers ? [...new Set(numbers.map((n) => n.id))] : ["*"],
              label: args.label,
              status: args.status,
              userId: args.userId,
            },
            signal,
          );
          return {
            webhook: formatWebhook(created.data, { verbose, withKey: true }),
            hint: "key signs each delivery: give it to the receiver to verify requests, and keep it out of chats and logs.",
          };
        }
        case "delete":
          await quo.webhooks.delete(args.id as string, signal);
          return { deleted: args.id as string };
      }
    },
  });
