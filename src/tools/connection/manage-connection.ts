import { z } from "zod";
import { compact } from "../../format/compact.js";
import type { Connection } from "../../gateway/connections.js";
import { explain } from "../authorize.js";
import { type ToolFactory, tool } from "../define.js";

const actions = ["list", "create", "get", "delete"] as const;

function formatConnection(c: Connection) {
  return compact({ connectionId: c.connection_id, status: c.status, url: c.status === "ACTIVE" ? undefined : c.url, created: c.creation_time });
}

const connectionShape = z.object({ connectionId: z.string(), status: z.string(), url: z.string().optional(), created: z.string().optional() });

export const manageConnection: ToolFactory = () =>
  tool({
    name: "manage_connection",
    title: "Manage the Quo authorization (Maton connection)",
    description:
      'Quo authorization (Maton connections). action "list": connections and status (ACTIVE, PENDING, FAILED); "create": a new one whose url the person opens to approve; "get"/"delete": one by connectionId (ask before deleting the only ACTIVE one).',
    toolset: "connection",
    // Authorization runs by itself (a call that needs it returns the link, or opens it in the
    // client), so managing connections by hand is rare: out of the default set, to make room
    // in the tools/list budget for wait_for_reply.
    defaultEnabled: false,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    readActions: {
      actions: ["list", "get"],
      description:
        'Quo authorization (Maton connections), read-only. action "list": connections and status (ACTIVE, PENDING, FAILED); "get": one by connectionId.',
    },
    input: () =>
      z
        .object({
          action: z.enum(actions, { error: `must be one of ${actions.join(", ")}` }),
          connectionId: z
            .string()
            .trim()
            .regex(/^[\w-]{1,100}$/, 'must be a connection id such as 3f6a9c1e-... (take one from action "list")')
            .optional()
            .describe("For get and delete"),
        })
        .superRefine((value, ctx) => {
          if ((value.action === "get" || value.action === "delete") && !value.connectionId) {
            ctx.addIssue({ code: "custom", path: ["connectionId"], message: `is required for action "${value.action}": take one from action "list"` });
          }
        }),
    output: () => ({
      connections: z.array(connectionShape).optional(),
      connection: connectionShape.optional(),
      deleted: z.string().optional(),
      hint: z.string().optional(),
    }),
    async handler(args, ctx) {
      const { connections, signal } = ctx;
      switch (args.action) {
        case "list": {
          const all = await connections.list(signal);
          const active = all.some((c) => c.status === "ACTIVE");
          return {
            connections: all.map(formatConnection),
            hint: active ? undefined : 'No ACTIVE connection: the person must open a PENDING url, or use action "create" to get one.',
          };
        }
        case "create": {
          const created = await connections.create(signal);
          return { connection: formatConnection(created), hint: explain(created)?.message };
        }
        case "get": {
          const one = await connections.get(args.connectionId as string, signal);
          return { connection: formatConnection(one), hint: explain(one)?.message };
        }
        case "delete": {
          await connections.delete(args.connectionId as string, signal);
          return { deleted: args.connectionId as string };
        }
      }
    },
  });
