import { z } from "zod";
import { ArgumentError } from "../../errors.js";
import { formatWebhook } from "../../format/webhooks.js";
import { DatedApiUnavailable, type DatedWebhook, INBOUND_EVENTS } from "../../quo/dated.js";
import { type WebhookKind, webhookKinds } from "../../quo/webhooks.js";
import { type ToolFactory, tool } from "../define.js";

const actions = ["list", "get", "create", "delete"] as const;
const kinds = Object.keys(webhookKinds) as WebhookKind[];
const allEvents = kinds.flatMap((k) => webhookKinds[k] as readonly string[]);

const webhookShape = z.looseObject({ id: z.string(), url: z.string() });

/** The new system's events (the dated API's list). */
const newEvents = [
  "message.received",
  "message.delivered",
  "message.failed",
  "message.undelivered",
  "call.ringing",
  "call.answered",
  "call.completed",
  "call.forwarded",
  "call.missed",
  "call.menu.selected",
  "call.recording.completed",
  "call.summary.completed",
  "call.transcript.completed",
  "call.voicemail.completed",
  "contact.updated",
  "contact.deleted",
  "task.assigned",
  "task.created",
  "task.completed",
  "task.updated",
  "task.deleted",
  "task.unassigned",
  "task.reopened",
  "task.duedate.removed",
  "task.duedate.updated",
  "task.overdue",
  "task.linked",
  "task.unlinked",
] as const;

/** A new-system webhook as the tool shows it: marked new, its key only when just made. */
const formatNew = (w: DatedWebhook, withKey: boolean) => ({
  id: w.id,
  system: "new",
  url: w.url,
  events: w.events,
  status: w.status,
  ...(w.label ? { label: w.label } : {}),
  numbers: w.resourceIds,
  ...(withKey && w.key ? { key: w.key } : {}),
});

const isNewId = (id: string) => /^\d+$/.test(id);

export const manageWebhook: ToolFactory = (s) =>
  tool({
    name: "manage_webhook",
    title: "Quo webhooks: list, get, create, delete",
    description: `Webhooks that POST Quo events to a URL. action: list | get (id) | create (url; without kind: Quo's new system, signed whsec_ key, events default ${INBOUND_EVENTS.join(", ")}; with kind, legacy: ${kinds.map((k) => `${k}: ${webhookKinds[k].join(", ")}`).join("; ")}; phoneNumbers default all) | delete (stops deliveries: confirm first). The signing key is a secret: returned on create, and on legacy get only with revealKey.`,
    toolset: "webhooks",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    readActions: {
      actions: ["list", "get"],
      description:
        "Webhooks that POST Quo events to a URL, read-only. action: list | get (id WH...). The signing key is a secret: returned on get only with revealKey.",
    },
    input: () =>
      z
        .object({
          action: z.enum(actions, { error: `must be one of ${actions.join(", ")}` }),
          id: z
            .string({ error: "must be a webhook id: WH... (legacy) or digits (new system)" })
            .trim()
            .regex(/^(WH[\w-]{1,64}|\d{1,20})$/, "must be a webhook id such as WH123abc (legacy) or 123 (new system)")
            .optional(),
          kind: z.enum(kinds, { error: `must be one of ${kinds.join(", ")}` }).optional(),
          url: z
            .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://example.com/hooks/quo" })
            .max(2000)
            .optional(),
          events: z
            .array(z.enum(newEvents, { error: `must be Quo events such as message.received` }))
            .min(1)
            .max(newEvents.length)
            .optional(),
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
          if (!value.url) ctx.addIssue({ code: "custom", path: ["url"], message: 'is required for action "create": the https URL that receives the events' });
          const allowed = value.kind ? (webhookKinds[value.kind] as readonly string[]) : allEvents;
          const wrong = value.kind ? (value.events ?? []).filter((e) => !allowed.includes(e)) : [];
          if (wrong.length)
            ctx.addIssue({ code: "custom", path: ["events"], message: `${wrong.join(", ")} not allowed for kind ${value.kind}: use ${allowed.join(", ")}` });
        }),
    output: () => ({
      webhooks: z.array(webhookShape).optional(),
      webhook: webhookShape.optional(),
      deleted: z.string().optional(),
      hint: z.string().optional(),
    }),
    async handler(args, ctx) {
      const { quo, signal } = ctx;
      const verbose = args.verbose;
      switch (args.action) {
        case "list": {
          const all = await quo.webhooks.list(args.userId, signal);
          const legacy = all.data.map((w) => formatWebhook(w, { verbose }));
          try {
            const fresh = await quo.webhooks.listDated(signal);
            return { webhooks: [...legacy, ...fresh.data.map((w) => formatNew(w, false))] };
          } catch (error) {
            if (!(error instanceof DatedApiUnavailable)) throw error;
            return { webhooks: legacy, hint: "Only legacy webhooks are listed: Quo's dated API, which holds the new ones, is unavailable." };
          }
        }
        case "get": {
          if (isNewId(args.id as string)) {
            const fresh = await quo.webhooks.listDated(signal);
            const found = fresh.data.find((w) => w.id === args.id);
            if (!found) throw new ArgumentError("id", `no webhook ${args.id} in the new system; action "list" shows them`);
            return { webhook: formatNew(found, false) };
          }
          const one = await quo.webhooks.get(args.id as string, signal);
          return { webhook: formatWebhook(one.data, { verbose, withKey: args.revealKey }) };
        }
        case "create": {
          const numbers = args.phoneNumbers
            ? await Promise.all(args.phoneNumbers.map((n, i) => ctx.directory.resolve(n, `phoneNumbers.${i}`, signal)))
            : undefined;
          if (!args.kind) {
            const created = await quo.webhooks.createDated(
              {
                url: args.url as string,
                events: args.events ?? [...INBOUND_EVENTS],
                resourceIds: numbers ? [...new Set(numbers.map((n) => n.id))] : ["*"],
                ...(args.label ? { label: args.label } : {}),
              },
              signal,
            );
            return {
              webhook: formatNew(created.data, true),
              hint: "key (whsec_...) signs each delivery and is shown only now: put it in the receiver's QUO_MCP_WEBHOOK_SECRET, and keep it out of chats and logs.",
            };
          }
          const kind = args.kind as WebhookKind;
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
          if (isNewId(args.id as string)) await quo.webhooks.deleteDated(args.id as string, signal);
          else await quo.webhooks.delete(args.id as string, signal);
          return { deleted: args.id as string };
      }
    },
  });
